import { createApp } from 'vue';
import App from './App.vue';
import '../../support/app/app.css';

createApp(App).mount('#app');
