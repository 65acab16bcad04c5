// Renderer entry: bundled fonts and styles (nothing from the network), the i18n instance and
// the transport for the contract, then the app.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/base.css';
import './styles/idle.css';
import './styles/follow-up.css';
import './styles/screens.css';
import './styles/counter.css';
import './styles/large-text.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { KioskApiContext } from './api/kiosk-context';
import { createKioskClient } from './api/kiosk-client';
import { App } from './App';
import { createI18n } from './i18n';

// Long-press on a touch screen opens a context menu; a kiosk has no use for it.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('error', (e) => console.error('kiosk renderer error', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => console.error('kiosk renderer unhandled rejection', e.reason));

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks #root');

createRoot(rootElement).render(
  <StrictMode>
    <I18nextProvider i18n={createI18n()}>
      <KioskApiContext.Provider value={createKioskClient()}>
        <App />
      </KioskApiContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
