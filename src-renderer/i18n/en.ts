import type { Messages } from './de';

export const en: Messages = {
  app: {
    name: 'Augenhöhe',
    tagline: 'Confidential video consultation',
    switchLanguage: 'Deutsch',
    switchLanguageLabel: 'Auf Deutsch umschalten',
  },
  host: {
    heading: 'New conversation',
    intro: 'Start a conversation and send the link to the person you want to talk to.',
    start: 'Start a new conversation',
    starting: 'Preparing the conversation …',
    linkHeading: 'Invitation link',
    linkLabel: 'Link for the other person',
    linkNote:
      'The link contains the encryption key. Only give it to the person you invite. One link is for one person.',
    validUntil: 'Valid until {{time}}',
    copy: 'Copy link',
    copied: 'Link copied',
    enter: 'Enter the conversation',
  },
  prejoin: {
    heading: 'Before we start',
    encrypted:
      'This conversation is end-to-end encrypted. Only the people in it can see and hear you.',
    notRecorded: 'Nothing is recorded.',
    yourChoice: 'You decide if your camera and microphone are on. You can change this at any time.',
    camera: 'Turn on my camera',
    microphone: 'Turn on my microphone',
    join: 'Join the conversation',
  },
  call: {
    securing: 'Setting up encryption …',
    encrypted: 'End-to-end encrypted',
    connecting: 'Connecting …',
    reconnecting: 'The connection dropped. We keep trying …',
    waiting: 'Waiting for the other person …',
    you: 'You',
    other: 'Other person',
    videoOf: 'Video: {{who}}',
    cameraOff: 'Camera off',
    microphoneOn: 'Turn microphone off',
    microphoneOff: 'Turn microphone on',
    cameraOnButton: 'Turn camera off',
    cameraOffButton: 'Turn camera on',
    leave: 'Leave the conversation',
    controls: 'Controls',
    cannotDecrypt:
      'Picture and sound cannot be decrypted. The key in the link does not match. Please ask for a new link.',
    cannotDecryptSome:
      'Picture and sound of one person cannot be decrypted. They probably have a wrong link.',
    deviceDenied:
      'Camera or microphone are not allowed or not there. You can take part without them or change the permission in your browser.',
  },
  left: {
    heading: 'You have left the conversation.',
    hostBack: 'Back to the start page',
    guestClose: 'You can close this window now.',
  },
  errors: {
    heading: 'That did not work',
    'link-malformed': 'This link is incomplete or damaged. Please ask for a new link.',
    'link-expired': 'This link has expired. Please ask for a new link.',
    'link-unsupported': 'This link is for another version of Augenhöhe. Please ask for a new link.',
    'server-unreachable':
      'The conversation server cannot be reached right now. Check your internet connection and try again.',
    'server-rejected':
      'The conversation server refused the login. Please check the access details.',
    'not-allowed': 'Access was refused. The link may have expired. Please ask for a new link.',
    'no-credentials': 'No access key is stored for this server.',
    'e2ee-unsupported':
      'This browser cannot hold encrypted conversations. Please use a current Chrome, Edge, Firefox or Safari.',
    internal: 'Something went wrong. Please try again.',
    retry: 'Try again',
  },
};
