/**
 * What Mosaic's self-contained HTML pages share: escaping for each place text goes into a page, templates with slots,
 * the reports' style sheet, and Chart.js read from its WebJar to be inlined.
 */
package io.mosaic.runtime.html;
