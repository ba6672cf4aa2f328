// React 19 host page: mounts <App>. In your app the widget comes from the package:
//   import 'cryptorefills-checkout/define';            // registers the three tags (bundlers: lit is shared)
//   import type {} from 'cryptorefills-checkout/react'; // typed JSX for them
import '../../../src/define.js';
import {createRoot} from 'react-dom/client';
import {App} from './App.js';

const root = document.getElementById('root')!;
createRoot(root).render(<App proxyUrl={root.dataset['proxyUrl'] ?? '/api/cr'} />);
