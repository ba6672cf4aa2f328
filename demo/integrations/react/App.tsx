// The three elements as typed JSX intrinsic elements (React 19 passes attributes and `on<event>` listeners to custom
// elements natively: no wrapper components). Wrong attribute names, a wrong `theme`, or reading a detail field that
// does not exist are type errors.
import {useState} from 'react';
import type {} from '../../../src/frameworks/react.js';
import type {BrandSelectDetail, StatusChangeDetail} from '../../../src/events.js';

export function App({proxyUrl}: {proxyUrl: string}) {
  const [brand, setBrand] = useState<string>();
  const [orderId, setOrderId] = useState<string>();
  const [phase, setPhase] = useState<StatusChangeDetail['phase']>();
  const [dark, setDark] = useState(false);

  return (
    <main>
      <label>
        <input type="checkbox" checked={dark} onChange={(e) => setDark(e.target.checked)} /> Dark theme
      </label>
      <p id="react-state">
        brand: {brand ?? '-'} · order: {orderId ?? '-'} · phase: {phase ?? '-'}
      </p>
      <cr-brand-picker
        proxy-url={proxyUrl}
        country="US"
        theme={dark ? 'dark' : 'light'}
        oncr-brand-select={(e: CustomEvent<BrandSelectDetail>) => setBrand(e.detail.brand.family)}
      />
      <cr-checkout theme={dark ? 'dark' : 'light'} oncr-order-created={(e) => setOrderId(e.detail.order.order_id)} />
      <cr-order-status theme={dark ? 'dark' : 'light'} oncr-status-change={(e) => setPhase(e.detail.phase)} />
    </main>
  );
}
