; Included by electron-builder's NSIS installer (see electron-builder.config.ts).
; electron-builder registers file associations but not URL schemes, so the installer itself
; registers augenhoehe:// links for the app, per machine or per user as it was installed
; (SHELL_CONTEXT), and removes them again on uninstall. ASCII only: NSIS reads this file
; in the system code page.

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\augenhoehe" "" "URL:Augenhoehe invite link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\augenhoehe" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\augenhoehe\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\augenhoehe\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\augenhoehe"
!macroend
