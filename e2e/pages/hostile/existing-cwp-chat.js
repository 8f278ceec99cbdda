// Another script already defined a <cwp-chat> element (an older copy of the widget, or a name clash).
customElements.define(
  'cwp-chat',
  class extends HTMLElement {
    connectedCallback() {
      this.textContent = 'someone else’s cwp-chat';
    }
  },
);
