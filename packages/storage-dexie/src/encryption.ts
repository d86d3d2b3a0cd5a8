import { StorageError, type CollectionName, type IndexKey, type StoredRecord } from '@casekit/core';
import { BLIND_INDEXES, isReadableField } from './encrypted-fields.js';
import { storedIndex, type EncryptedPayload, type Row, type StoredKey } from './schema.js';

/**
 * Encryption at rest with a key the host supplies (and keeps: casekit never stores or derives it).
 * Every field but the few the adapter must read without the key (`READABLE_FIELDS` in
 * encrypted-fields.ts, each with its reason) is removed from the stored record and kept as one
 * AES-GCM ciphertext per record, bound to its collection and id so a ciphertext cannot be moved to
 * another record. Index keys derived from encrypted fields are either blinded (an HMAC: equality
 * lookups only) or, where queries need their order (search-word prefixes), kept in plaintext
 * (`INDEXES_OVER_ENCRYPTED_FIELDS`). docs/guides/storage.md lists exactly what is where.
 */
export interface EncryptionOptions {
  /** A WebCrypto AES-GCM key with `encrypt` and `decrypt` usages, e.g. unwrapped from the host's key service. */
  key: CryptoKey;
}

export interface RowCipher {
  readonly encrypted: boolean;
  seal(collection: CollectionName, row: Row): Promise<Row>;
  open(collection: CollectionName, row: Row): Promise<StoredRecord>;
  /** The stored form of a key of a blind index, or undefined when the index is not blinded. */
  blindKey(collection: CollectionName, indexName: string, key: IndexKey): Promise<string | undefined>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createRowCipher(options: EncryptionOptions): RowCipher {
  const { key } = options;
  if (key.algorithm.name !== 'AES-GCM' || !key.usages.includes('encrypt') || !key.usages.includes('decrypt')) {
    throw new TypeError('encryption.key must be an AES-GCM CryptoKey with encrypt and decrypt usages');
  }
  const aad = (collection: CollectionName, id: string) => encoder.encode(`casekit:${collection}/${id}`);
  const hmacKey = deriveIndexKey(key);
  const blind = async (collection: CollectionName, indexName: string, parts: unknown[]): Promise<string> => {
    const mac = await crypto.subtle.sign('HMAC', await hmacKey, encoder.encode(`${collection}.${indexName}:${JSON.stringify(parts)}`));
    return toBase64(new Uint8Array(mac, 0, 16));
  };
  const blindRow = async (collection: CollectionName, row: Row): Promise<Row> => {
    for (const name of BLIND_INDEXES[collection] ?? []) {
      const index = storedIndex(collection, name)!;
      const value = row[index.field] as StoredKey | StoredKey[] | undefined;
      if (value === undefined) continue;
      // Stored keys end with the id, which stays readable (it is the row's primary key anyway).
      const blindOne = async (k: StoredKey) => [await blind(collection, name, k.slice(0, -1)), k[k.length - 1]];
      row[index.field] = index.multi ? await Promise.all((value as StoredKey[]).map(blindOne)) : await blindOne(value as StoredKey);
    }
    return row;
  };
  return {
    encrypted: true,
    async blindKey(collection, indexName, k) {
      if (!BLIND_INDEXES[collection]?.includes(indexName)) return undefined;
      return blind(collection, indexName, Array.isArray(k) ? k : [k]);
    },
    async seal(collection, row) {
      row = await blindRow(collection, { ...row });
      const secret: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row.r)) (isReadableField(collection, name) ? rest : secret)[name] = value;
      if (!Object.keys(secret).length) return row;
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(collection, row.id) },
        key,
        encoder.encode(JSON.stringify(secret)),
      );
      return { ...row, r: rest, e: { iv, data } };
    },
    async open(collection, row) {
      return { ...row.r, ...(row.e ? await decrypt(collection, row.id, row.e) : {}) } as StoredRecord;
    },
  };

  async function decrypt(collection: CollectionName, id: string, payload: EncryptedPayload): Promise<Record<string, unknown>> {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: payload.iv as Uint8Array<ArrayBuffer>, additionalData: aad(collection, id) },
      key,
      payload.data,
    );
    return JSON.parse(decoder.decode(plain)) as Record<string, unknown>;
  }
}

/** Rows without encryption: the record is `r` itself. A row written encrypted cannot be read without the key. */
export const plainCipher: RowCipher = {
  encrypted: false,
  async blindKey() {
    return undefined;
  },
  async seal(_collection, row) {
    return row;
  },
  async open(collection, row) {
    if (row.e) {
      throw new StorageError('storage', `${collection}/${row.id} is encrypted: open the storage with the encryption key`);
    }
    return row.r as StoredRecord;
  },
};

/**
 * The HMAC key of the blind indexes, derived from the host's AES-GCM key (which may be non-extractable):
 * AES-GCM over zeros with a fixed nonce reserved for this purpose yields a keystream block, a PRF of
 * the key. Data never uses this nonce: each record gets a random 96-bit one.
 */
async function deriveIndexKey(key: CryptoKey): Promise<CryptoKey> {
  const block = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: new Uint8Array(12), additionalData: encoder.encode('casekit:blind-index-key:v1') },
    key,
    new Uint8Array(32),
  );
  return crypto.subtle.importKey('raw', block.slice(0, 32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
