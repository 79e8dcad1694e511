import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
import { resolveAppApi } from './platform/app-api';
import { setDesktopTransport } from './platform/desktop';
import { setLogTransport } from './platform/log';
import './styles.css';

const api = resolveAppApi();
setLogTransport(api);
setDesktopTransport(api);

// A guest's page (no host API) keeps the language in its tab only.
void initI18n(api ? 'on-device' : 'in-tab').then(() => {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
});
