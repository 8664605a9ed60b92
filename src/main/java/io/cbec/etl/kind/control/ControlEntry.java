package io.cbec.etl.kind.control;

import io.cbec.etl.normalise.quantity.Quantity;

/** One declared figure: the metric as written, its expected value, where the analyst took it from. */
record ControlEntry(String check, Quantity expected, String source, String note) { }
