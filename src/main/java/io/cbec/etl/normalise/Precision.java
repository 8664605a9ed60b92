package io.cbec.etl.normalise;

/** How much of a date a source gave: a day, a month, a quarter or only a year. */
public enum Precision {
    DAY, MONTH, QUARTER, YEAR
}
