// Entry of the studio bundle (dist/studio/studio-<hash>.js), loaded by the
// shell the collector serves at /studio.
import { render } from 'preact';
import { App } from './App.js';

render(<App />, document.getElementById('app')!);
