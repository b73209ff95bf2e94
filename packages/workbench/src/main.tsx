import './jitless';
import { render } from 'preact';
import { App } from './ui/app';
import './ui/style.css';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
