/**
 * Local (Node, filesystem) adapters: buckets and PDFs in a directory, for
 * development and the embedded default server.
 * @module
 */
export { fsBucket, type FsBucketOptions } from './local/fs-bucket.js';
export { fsPdfStore, type FsPdfStoreOptions } from './local/fs-pdf-store.js';
