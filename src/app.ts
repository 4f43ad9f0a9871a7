import type { PropsWithChildren } from 'react';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // The cloud client initialises itself lazily on first call (src/services/cloud.ts).
  return children;
}

export default App;
