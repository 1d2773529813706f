/**
 * The paged IAVL engines {@code paged15} and {@code paged31}: saved nodes packed into fixed-size, CRC32C-checked,
 * copy-on-write pages of up to 4 levels (15 nodes, 4 KiB) or 5 levels (31 nodes, 8 KiB), kept one value per page in
 * any key-value store or in the engines' own page file (the {@code pagefile} store, registered from this module).
 * The reading order, the store and page layouts and the decisions behind them (inline keys and values, whole-page
 * copy-on-write, crash safety, checksums, the page store choice, the page cache) are in
 * {@code docs/engines/paged.md}.
 */
package io.merklebench.paged;
