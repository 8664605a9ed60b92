package io.cbec.etl.kind.platform;

/** A canonical platform (Temu, Shein, AliExpress...) and the company that owns it. */
public record Platform(String name, String parentCompany) {
}
