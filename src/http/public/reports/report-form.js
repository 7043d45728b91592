/* global document, window, fetch, AbortController, setTimeout, clearTimeout, sessionStorage, crypto */
/**
 * The advisor's gap-report form. Plain browser JS, no build step. Every string from the API
 * reaches the page through textContent or DOM APIs, never as markup: catalog titles and
 * problem details are data, not HTML.
 *
 * Each search box follows the WAI-ARIA combobox pattern with a listbox popup
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays in the input and
 * aria-activedescendant names the highlighted option.
 */

const SEARCH_DELAY_MS = 200;
const SEARCH_LIMIT = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How each picker turns a catalog item or typed text into the request's shape. */
const KINDS = {
  credentials: {
    noun: ['credential', 'credentials'],
    fromItem: (item) => ({ id: String(item.id) }),
    fromText: (text) => ({ name: text }),
    title: (item) => item.title,
    meta: (item) => item.provider || item.source,
  },
  skills: {
    noun: ['skill', 'skills'],
    fromItem: (item) => ({ id: String(item.id) }),
    fromText: (text) => ({ label: text }),
    title: (item) => item.label,
    meta: (item) => sourceName(item.source),
  },
  role: {
    noun: ['role', 'roles'],
    fromItem: (item) => ({ roleId: String(item.id) }),
    fromText: (text) => ({ title: text }),
    title: (item) => item.title,
    meta: (item) => [sourceName(item.source), item.source === 'starter' ? '' : item.code].filter(Boolean).join(' · '),
  },
};

function sourceName(source) {
  const names = { esco: 'ESCO', onet: 'O*NET', starter: 'Starter catalog' };
  return names[source] || source || '';
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const announcer = document.getElementById('picker-announcer');
function announce(message) {
  // Clear first so repeating the same words is still announced.
  announcer.textContent = '';
  setTimeout(() => {
    announcer.textContent = message;
  }, 50);
}

class Picker {
  constructor(root) {
    this.name = root.dataset.picker;
    this.kind = KINDS[this.name];
    this.endpoint = root.dataset.endpoint;
    this.single = root.dataset.mode === 'single';
    this.max = Number(root.dataset.max || 1);
    this.input = root.querySelector('[role="combobox"]');
    this.listbox = root.querySelector('[role="listbox"]');
    this.chips = root.querySelector('.chips');
    /** Chosen entries: { key, payload, label, meta } */
    this.chosen = [];
    /** The current search results. */
    this.results = [];
    this.active = -1;
    this.timer = undefined;
    this.controller = undefined;
    this.query = '';

    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('blur', () => this.close());
    // Keep focus in the input when an option is clicked, so blur does not close the list first.
    this.listbox.addEventListener('mousedown', (event) => event.preventDefault());
    this.listbox.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      const index = option ? Number(option.dataset.index) : -1;
      if (index >= 0 && this.results[index]) this.choose(this.results[index]);
    });
    this.render();
  }

  get isOpen() {
    return !this.listbox.hidden;
  }

  onInput() {
    clearTimeout(this.timer);
    const query = this.input.value.trim();
    this.input.removeAttribute('aria-invalid');
    if (!query) {
      this.cancelSearch();
      this.results = [];
      this.close();
      return;
    }
    this.timer = setTimeout(() => this.search(query), SEARCH_DELAY_MS);
  }

  cancelSearch() {
    clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
    this.controller = undefined;
  }

  async search(query) {
    this.cancelSearch();
    const controller = new AbortController();
    this.controller = controller;
    const url = `${this.endpoint}?q=${encodeURIComponent(query)}&limit=${SEARCH_LIMIT}`;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json', ...authHeaders() }, signal: controller.signal });
      if (!response.ok) throw new Error(`search answered ${response.status}`);
      const body = await response.json();
      if (controller.signal.aborted) return;
      this.query = query;
      this.results = Array.isArray(body.items) ? body.items : [];
      this.active = -1;
      if (document.activeElement !== this.input) return;
      this.open();
      const [one, many] = this.kind.noun;
      announce(
        this.results.length === 0
          ? `No matching ${many}. Press Enter to add “${query}” as typed.`
          : `${this.results.length} ${this.results.length === 1 ? one : many} found. Use the up and down arrows to choose.`,
      );
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      this.results = [];
      this.close();
      announce('Search is unavailable right now. Press Enter to add what you typed.');
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  onKeyDown(event) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.isOpen) {
          const query = this.input.value.trim();
          if (this.results.length > 0 && query === this.query) {
            this.open();
            this.highlight(0);
          } else if (query) {
            void this.search(query);
          }
        } else if (this.results.length > 0) {
          this.highlight((this.active + 1) % this.results.length);
        }
        break;
      case 'ArrowUp':
        if (this.isOpen && this.results.length > 0) {
          event.preventDefault();
          this.highlight(this.active <= 0 ? this.results.length - 1 : this.active - 1);
        }
        break;
      case 'Enter': {
        if (this.isOpen && this.active >= 0 && this.results[this.active]) {
          event.preventDefault();
          this.choose(this.results[this.active]);
          break;
        }
        const text = this.input.value.trim();
        if (text) {
          // Enter on typed text adds it as typed; it must not also submit the form.
          event.preventDefault();
          this.addText(text);
        }
        break;
      }
      case 'Escape':
        if (this.isOpen) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = '';
          this.onInput();
        }
        break;
      case 'Tab':
        this.close();
        break;
      default:
        break;
    }
  }

  open() {
    this.renderOptions();
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  highlight(index) {
    this.active = index;
    for (const option of this.listbox.querySelectorAll('[role="option"]')) {
      const on = Number(option.dataset.index) === index;
      option.setAttribute('aria-selected', String(on));
      option.classList.toggle('active', on);
      if (on) {
        this.input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  renderOptions() {
    const options = this.results.map((item, index) => {
      const title = this.kind.title(item);
      const taken = this.chosen.some((c) => c.key === `id:${item.id}`);
      return el(
        'li',
        { id: `${this.name}-option-${index}`, role: 'option', 'aria-selected': 'false', 'data-index': String(index), className: 'option' },
        el('span', { className: 'option-label' }, title),
        el('span', { className: 'option-meta' }, taken ? 'already added' : this.kind.meta(item)),
      );
    });
    if (options.length === 0) {
      options.push(
        el('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', className: 'option empty' },
          `No matches. Press Enter to add “${this.query}” as typed.`),
      );
    }
    this.listbox.replaceChildren(...options);
  }

  choose(item) {
    const label = this.kind.title(item);
    this.add({ key: `id:${item.id}`, payload: this.kind.fromItem(item), label, meta: this.kind.meta(item) });
  }

  addText(text) {
    this.add({ key: `text:${text.toLowerCase()}`, payload: this.kind.fromText(text), label: text, meta: 'as typed' });
  }

  /** Sets the single choice directly (the role candidates offered after a 422). */
  set(item) {
    this.choose(item);
  }

  add(entry) {
    this.cancelSearch();
    this.input.value = '';
    this.results = [];
    this.close();
    if (this.single) {
      this.chosen = [entry];
      announce(`Target ${this.kind.noun[0]} set to ${entry.label}.`);
    } else if (this.chosen.some((c) => c.key === entry.key)) {
      announce(`${entry.label} is already added.`);
      return;
    } else if (this.chosen.length >= this.max) {
      announce(`At most ${this.max} ${this.kind.noun[1]}.`);
      return;
    } else {
      this.chosen.push(entry);
      announce(`Added ${entry.label}.`);
    }
    this.render();
  }

  remove(key) {
    const index = this.chosen.findIndex((c) => c.key === key);
    if (index < 0) return;
    const [removed] = this.chosen.splice(index, 1);
    this.render();
    // Keep keyboard users in place: the next chip's button, else the previous one, else the input.
    const buttons = this.chips.querySelectorAll('button');
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next || this.input).focus();
    announce(`Removed ${removed.label}.`);
  }

  render() {
    const chips = this.chosen.map((entry) =>
      el(
        'li',
        { className: 'chip' },
        el('span', { className: 'chip-label' }, entry.label),
        entry.meta ? el('span', { className: 'chip-meta' }, entry.meta) : null,
        this.removeButton(entry),
      ),
    );
    this.chips.replaceChildren(...chips);
    this.chips.hidden = chips.length === 0;
    if (this.single) {
      this.placeholder ??= this.input.placeholder;
      this.input.placeholder = chips.length > 0 ? 'Search to change the role' : this.placeholder;
    }
  }

  removeButton(entry) {
    const button = el('button', { type: 'button', className: 'chip-remove', 'aria-label': `Remove ${entry.label}` }, '×');
    button.addEventListener('click', () => this.remove(entry.key));
    return button;
  }

  /** What was typed but not yet added still counts: the advisor meant it. */
  commitPending() {
    const text = this.input.value.trim();
    if (text && !(this.single && this.chosen.length > 0 && this.chosen[0].label === text)) this.addText(text);
  }

  payloads() {
    return this.chosen.map((c) => c.payload);
  }
}

const form = document.getElementById('report-form');
const statusRegion = document.getElementById('form-status');
const submitButton = document.getElementById('submit-button');
const pickers = Object.fromEntries(
  [...document.querySelectorAll('[data-picker]')].map((root) => [root.dataset.picker, new Picker(root)]),
);

function showStatus(kind, ...children) {
  statusRegion.className = `status ${kind}`;
  statusRegion.replaceChildren(...children);
}

function numberField(id) {
  const input = document.getElementById(id);
  const label = document.querySelector(`label[for="${id}"]`).textContent.trim();
  input.removeAttribute('aria-invalid');
  if (input.value.trim() === '' && !input.validity.badInput) return { value: undefined };
  if (!input.validity.valid) {
    input.setAttribute('aria-invalid', 'true');
    const min = input.min === '' ? '' : ` at least ${input.min}`;
    const max = input.max === '' ? '' : ` and at most ${input.max}`;
    const whole = input.step === '1' ? 'a whole number' : 'a number';
    return { input, error: `${label} must be ${whole}${min}${max}.` };
  }
  return { value: input.valueAsNumber };
}

function buildRequest() {
  const errors = [];
  const learnerId = document.getElementById('learner-id').value.trim();
  const text = document.getElementById('learner-text').value.trim();
  const roleInput = pickers.role.input;
  roleInput.removeAttribute('aria-invalid');
  const target = pickers.role.payloads()[0];
  if (!target) {
    roleInput.setAttribute('aria-invalid', 'true');
    errors.push({ input: roleInput, error: 'Choose a target role, or type a job title.' });
  }

  const constraints = {};
  for (const [id, key] of [['hours-per-week', 'hoursPerWeek'], ['max-cost', 'maxCost'], ['deadline-weeks', 'deadlineWeeks']]) {
    const field = numberField(id);
    if (field.error) errors.push(field);
    else if (field.value !== undefined) constraints[key] = field.value;
  }
  const providers = [
    ...new Set(
      document.getElementById('exclude-providers').value.split(',').map((p) => p.trim()).filter(Boolean),
    ),
  ];
  if (providers.length > 0) constraints.excludeProviders = providers.slice(0, 50);

  const body = {
    learner: {
      ...(learnerId ? { id: learnerId } : {}),
      credentials: pickers.credentials.payloads(),
      skills: pickers.skills.payloads(),
      ...(text ? { text } : {}),
    },
    target,
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
  return { body, errors };
}

/** A heading in the advisor's words; the problem's own `title` is the HTTP status phrase. */
function problemHeading(problem, status) {
  if (problem.code === 'role_unresolved') return 'No role matches that title';
  if (status === 400) return 'Check the form';
  if (status === 404) return 'Not found';
  if (status === 413) return 'The form is too large to send';
  if (status >= 500) return 'skillpath could not build the report';
  return 'The report could not be created';
}

function problemView(problem, status) {
  const parts = [el('p', { className: 'status-title' }, problemHeading(problem, status))];
  if (problem.detail) parts.push(el('p', {}, problem.detail));
  if (Array.isArray(problem.errors) && problem.errors.length > 0) {
    parts.push(el('ul', {}, ...problem.errors.map((e) => el('li', {}, `${e.field}: ${e.message}`))));
  }
  if (problem.code === 'role_unresolved') {
    const candidates = Array.isArray(problem.candidates) ? problem.candidates : [];
    if (candidates.length === 0) {
      parts.push(el('p', {}, 'No role comes close. Try a broader job title.'));
    } else {
      const buttons = candidates.map((candidate) => {
        const button = el('button', { type: 'button', className: 'candidate' }, candidate.title);
        button.addEventListener('click', () => {
          pickers.role.set(candidate);
          submitButton.focus();
          showStatus('info', el('p', {}, `Target role set to ${candidate.title}. Select “Create report” to try again.`));
        });
        return el('li', {}, button);
      });
      parts.push(el('p', { id: 'candidates-label' }, 'Did you mean one of these roles?'));
      parts.push(el('ul', { className: 'candidates', 'aria-labelledby': 'candidates-label' }, ...buttons));
    }
  }
  if (status >= 500 && problem.requestId) parts.push(el('p', { className: 'request-id' }, `Request id: ${problem.requestId}`));
  return parts;
}

let busy = false;
function setBusy(on) {
  busy = on;
  form.setAttribute('aria-busy', String(on));
  // aria-disabled rather than disabled: a disabled button drops keyboard focus to the page.
  submitButton.setAttribute('aria-disabled', String(on));
  submitButton.textContent = on ? 'Creating report…' : 'Create report';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (busy) return;
  for (const picker of Object.values(pickers)) picker.commitPending();

  const { body, errors } = buildRequest();
  if (errors.length > 0) {
    showStatus(
      'error',
      el('p', { className: 'status-title' }, 'Check the form'),
      el('ul', {}, ...errors.map((e) => el('li', {}, e.error))),
    );
    errors[0].input.focus();
    return;
  }

  setBusy(true);
  showStatus('info', el('p', {}, 'Building the report…'));
  let response;
  let payload;
  try {
    response = await fetch('/v1/gap-reports', {
      method: 'POST',
      // One key per report: a retry after a lost answer gets the same report, not a second one.
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': idempotencyKeyFor(body), ...authHeaders() },
      body: JSON.stringify(body),
    });
    payload = await response.json().catch(() => ({}));
  } catch {
    setBusy(false);
    showStatus('error', el('p', { className: 'status-title' }, 'Could not reach skillpath'), el('p', {}, 'Check the connection and try again.'));
    return;
  }

  // 200: the same request was already stored (a retry), and this is that report.
  if ((response.status === 201 || response.status === 200) && typeof payload.id === 'string' && UUID.test(payload.id)) {
    showStatus('info', el('p', {}, 'Report created. Opening it…'));
    window.location.assign(`/reports/${encodeURIComponent(payload.id)}`);
    return;
  }
  setBusy(false);
  showStatus('error', ...problemView(payload || {}, response.status));
});

// --- Access: an optional API key, kept for this tab only (sessionStorage), never in the URL.
const apiKeyInput = document.getElementById('api-key');
const API_KEY_STORAGE = 'skillpath.apiKey';
if (apiKeyInput) {
  apiKeyInput.value = sessionStorage.getItem(API_KEY_STORAGE) ?? '';
  apiKeyInput.addEventListener('change', () => sessionStorage.setItem(API_KEY_STORAGE, apiKeyInput.value.trim()));
}

function authHeaders() {
  const key = (apiKeyInput?.value ?? '').trim();
  return key ? { authorization: `Bearer ${key}` } : {};
}

// The same request submitted again (a double submit, a retry after a network error) reuses its
// Idempotency-Key; a changed form gets a new one.
let lastRequest = '';
let lastKey = '';
function idempotencyKeyFor(body) {
  const text = JSON.stringify(body);
  if (text !== lastRequest) {
    lastRequest = text;
    // randomUUID needs a secure context (https or localhost); getRandomValues does not.
    lastKey = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return lastKey;
}
