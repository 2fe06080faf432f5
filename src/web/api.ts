// The JSON API, from the page. Reads need nothing; writes carry the server's token, which the reader pastes once
// (or which arrives in the address's #token= fragment printed by `newsledger serve`) and is kept for the tab only.
import type { NewsRecord } from '../model/record.js';

const TOKEN_KEY = 'newsledger.token';

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Params = Record<string, string | number | undefined | null>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function answer<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!r.ok) throw new ApiFailure(r.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${r.status}`);
  return body as T;
}

export async function get<T>(path: string, params: Params = {}): Promise<T> {
  return answer<T>(await fetch(path + query(params), { headers: { accept: 'application/json' } }));
}

export async function getText(path: string, params: Params = {}): Promise<string> {
  const r = await fetch(path + query(params));
  if (!r.ok) throw new ApiFailure(r.status, 'http_error', `HTTP ${r.status}`);
  return r.text();
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const token = getToken();
  return answer<T>(await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }));
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Takes a token from the address's fragment and removes it from the address bar and history. */
export function adoptTokenFromFragment(): void {
  const m = /^#token=([^&]+)/.exec(location.hash);
  if (!m) return;
  setToken(decodeURIComponent(m[1]!));
  history.replaceState(history.state, '', location.pathname + location.search);
}

export interface Page<T> {
  items: T[];
  next: number | null;
}

export interface QuoteRow {
  document: string; id: string; kind: string; speaker: string | null; speaker_entity: string | null; content: string;
  start: number; end: number; statement: string | null; paraphrase_of: string | null; confidence: number;
  outlet: string | null; headline: string | null; url: string | null; published: string | null; corrected: boolean;
}
export interface StatementRow { id: string; speaker: string | null; wording: string; first_seen: string | null; reports: number; documents: number }
export interface EntityRow { id: string; type: string; name: string; documents: number; mentions: number }
export interface EventRow {
  document: string; id: string; type: string; sub_type: string | null; trigger: string; start: number; end: number;
  actor: string | null; place: string | null; date: string | null; published: string | null; background: boolean;
}
export interface ClaimRow { document: string; id: string; status: string; claim: string; claimant: string | null; start: number; end: number; published: string | null }
export interface DocumentRow {
  key: string; version: number; versions: number; url: string | null; outlet: string | null; headline: string | null;
  published: string | null; language: string; quotes: number; entities: number; events: number; claims: number; pipeline_version: string;
}
export interface Correction { id: number; action: string; input: Record<string, unknown>; who: string; why: string; at: string; documents: string[] }
export interface DocumentView { row: DocumentRow; record: NewsRecord; corrections: Correction[] }

const documents = new Map<string, Promise<DocumentView>>();

/** One document, fetched once per view (several reports often come from the same document). */
export function getDocument(key: string, fresh = false): Promise<DocumentView> {
  if (fresh) documents.delete(key);
  let p = documents.get(key);
  if (!p) {
    p = get<DocumentView>(`/api/documents/${encodeURIComponent(key)}`);
    documents.set(key, p);
    p.catch(() => documents.delete(key));
  }
  return p;
}

export function forgetDocuments(): void {
  documents.clear();
}
