// fhirclient's BrowserAdapter with the browser taken out, for Node tests: the page URL is given,
// redirects are recorded instead of followed, and sessionStorage is a Map (JSON round-tripped, as
// the real one stores strings). `navigate(url)` is the same tab loading another page.
import { BrowserAdapter } from '../fhirclient-adapter.ts';

export class MemoryStorage {
  items = new Map();
  async get(key) {
    const value = this.items.get(key);
    return value === undefined ? undefined : JSON.parse(value);
  }
  async set(key, value) {
    this.items.set(key, JSON.stringify(value));
    return value;
  }
  async unset(key) {
    return this.items.delete(key);
  }
}

export class MemoryEnvironment extends BrowserAdapter {
  constructor(url, storage = new MemoryStorage()) {
    super({ refreshTokenWithClientId: true, fullSessionStorageSupport: true, replaceBrowserHistory: true });
    this.url = new URL(url);
    this.storage = storage;
    this.redirects = [];
  }
  getUrl() {
    return this.url;
  }
  redirect(to) {
    this.redirects.push(to);
  }
  getStorage() {
    return this.storage;
  }
  atob(value) {
    return globalThis.atob(value);
  }
  btoa(value) {
    return globalThis.btoa(value);
  }
  navigate(url) {
    return new MemoryEnvironment(url, this.storage);
  }
}
