/**
 * Local (Node, filesystem) adapters: buckets and PDFs in a directory, for
 * development and the embedded default server.
 * @module @pauz/core/local
 */
export { type FsBucket, fsBucket, type FsBucketOptions } from './local/fs-bucket.js';
export { type FsPdfStore, fsPdfStore, type FsPdfStoreOptions } from './local/fs-pdf-store.js';
