import { render } from 'solid-js/web';
import App from './App';
import '../../support/app/app.css';

render(() => <App />, document.getElementById('root')!);
