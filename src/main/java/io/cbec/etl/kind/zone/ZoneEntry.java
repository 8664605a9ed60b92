package io.cbec.etl.kind.zone;

import io.cbec.etl.normalise.PartialDate;

/**
 * One normalised registry row: a zone's approval (batch set), its revocation (revoked), or both.
 *
 * @param zoneKey the GB/T 2260 code, or "NEW:" plus the Chinese name for an area without a code
 */
record ZoneEntry(String zoneKey, String code, String nameZh, String nameEn, String provinceCode, String raw,
                 Integer batch, PartialDate approved, String document, boolean revoked, PartialDate revokedOn) { }
