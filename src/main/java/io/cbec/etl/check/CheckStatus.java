package io.cbec.etl.check;

/** A check's verdict. FAIL blocks publishing; WARN is shown but does not. */
public enum CheckStatus { PASS, WARN, FAIL }
