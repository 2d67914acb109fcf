/**
 * The comparison's HTML report, {@code comparison.html}: one self-contained page (tables, and Chart.js charts drawn
 * from the comparison's JSON embedded in the page) that opens from a file with no network.
 */
package io.mosaic.runtime.compare.report;
