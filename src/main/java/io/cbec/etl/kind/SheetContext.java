package io.cbec.etl.kind;

import io.cbec.etl.normalise.PartialDate;

/**
 * What the rows above the header and the sheet's name say about every row below: "第七批...（国函〔2022〕126号）"
 * gives a batch and a document, "Batch 7 (approved 14 Nov 2022)" a batch and a date, a title with 撤销 marks
 * a revocation list. Any part may be null.
 */
public record SheetContext(Integer batch, String document, PartialDate date, boolean revocation, String title) {

    public static final SheetContext NONE = new SheetContext(null, null, null, false, null);
}
