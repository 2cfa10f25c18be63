// This browser's DPoP key pair, kept in IndexedDB so that after a reload the page can still
// prove possession of the key its refresh token is bound to. The private key is generated
// non-extractable: script, this one included, can sign with it but never read it.

const DATABASE = 'edgepass-dpop';
const STORE = 'keys';
const KEY_ID = 'browser';

/** Key pairs in IndexedDB: a CryptoKeyPair is structured-cloneable, so the pair itself is stored. */
export function indexedDbKeyStore(indexedDB = globalThis.indexedDB) {
  let database = null;
  const open = () => {
    database ??= new Promise((resolve, reject) => {
      if (indexedDB === undefined) {
        throw new Error('IndexedDB is unavailable here');
      }
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return database;
  };
  const run = async (mode, operation) => {
    const transaction = (await open()).transaction(STORE, mode);
    const request = operation(transaction.objectStore(STORE));
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(request.error ?? transaction.error);
      transaction.onabort = () => reject(transaction.error ?? request.error);
    });
  };
  return {
    get: () => run('readonly', (store) => store.get(KEY_ID)),
    /** Stores the pair unless one is stored already, which fails with a ConstraintError. */
    add: (keyPair) => run('readwrite', (store) => store.add(keyPair, KEY_ID)),
  };
}

const isKeyPair = (value) => value?.privateKey?.type === 'private' && value?.publicKey?.type === 'public';

/**
 * This browser's key pair: the stored one, or a new non-extractable ECDSA P-256 pair stored for
 * next time. When two tabs create one at once, both keep the one stored first.
 */
export async function loadKeyPair({ store = indexedDbKeyStore(), subtle = globalThis.crypto?.subtle } = {}) {
  if (!subtle) {
    throw new Error('WebCrypto is unavailable here (it needs HTTPS or localhost)');
  }
  const stored = await store.get();
  if (isKeyPair(stored)) {
    return stored;
  }
  const created = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  try {
    await store.add(created);
    return created;
  } catch (error) {
    const first = await store.get();
    if (isKeyPair(first)) {
      return first;
    }
    throw error;
  }
}
