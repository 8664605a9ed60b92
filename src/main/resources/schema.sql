-- Staging for cbec-etl. Every table is keyed by the Spring Batch job instance, so a restarted execution
-- finds what earlier executions of the same instance staged, and old instances can be purged whole.

CREATE TABLE IF NOT EXISTS source_file (
    instance_id  BIGINT        NOT NULL,
    file_no      INT           NOT NULL,
    file_name    VARCHAR(1000) NOT NULL,
    file_type    VARCHAR(20),
    size_bytes   BIGINT,
    sha256       CHAR(64),
    status       VARCHAR(20)   NOT NULL,  -- READ, REJECTED, UNRECOGNISED
    unreadable   BOOLEAN       NOT NULL,  -- the file itself could not be read: the run ends with 66
    error        VARCHAR(4000),
    PRIMARY KEY (instance_id, file_no)
);

CREATE TABLE IF NOT EXISTS source_sheet (
    instance_id   BIGINT        NOT NULL,
    file_no       INT           NOT NULL,
    sheet_no      INT           NOT NULL,
    sheet_name    VARCHAR(1000) NOT NULL,
    hidden        BOOLEAN       NOT NULL,
    kind          VARCHAR(40),             -- null when unrecognised
    status        VARCHAR(20)   NOT NULL,  -- READ, REJECTED, UNRECOGNISED
    header_row    INT,
    column_map    VARCHAR(4000),
    header_texts  VARCHAR(20000),
    ctx_batch     INT,
    ctx_document  VARCHAR(200),
    ctx_date      VARCHAR(20),
    ctx_revoked   BOOLEAN,
    ctx_title     VARCHAR(2000),
    rows_read     BIGINT,
    rows_accepted BIGINT        DEFAULT 0, -- rows whose records were staged, counted in the same transaction
    error         VARCHAR(4000),
    PRIMARY KEY (instance_id, file_no, sheet_no)
);

CREATE TABLE IF NOT EXISTS rejected_row (
    instance_id  BIGINT        NOT NULL,
    file_no      INT           NOT NULL,
    sheet_no     INT           NOT NULL,
    row_no       INT           NOT NULL,
    column_name  VARCHAR(1000),
    raw_value    VARCHAR(2000),
    reason       VARCHAR(4000) NOT NULL
);
CREATE INDEX IF NOT EXISTS rejected_row_sheet ON rejected_row (instance_id, file_no, sheet_no, row_no);

CREATE TABLE IF NOT EXISTS stated_total (
    instance_id  BIGINT         NOT NULL,
    kind         VARCHAR(40)    NOT NULL,
    file_no      INT            NOT NULL,
    sheet_no     INT            NOT NULL,
    row_no       INT            NOT NULL,
    label        VARCHAR(1000),
    subtotal     BOOLEAN        NOT NULL,
    measure      VARCHAR(200)   NOT NULL,
    stated_value DECIMAL(38, 10),
    column_name  VARCHAR(1000),
    raw_value    VARCHAR(2000)
);
CREATE INDEX IF NOT EXISTS stated_total_sheet ON stated_total (instance_id, kind, file_no, sheet_no, row_no);

CREATE TABLE IF NOT EXISTS zone_entry (
    instance_id     BIGINT        NOT NULL,
    file_no         INT           NOT NULL,
    sheet_no        INT           NOT NULL,
    row_no          INT           NOT NULL,
    zone_key        VARCHAR(100)  NOT NULL,  -- the GB/T 2260 code, or NEW:<name> for an area with none
    zone_code       CHAR(6),
    zone_zh         VARCHAR(200)  NOT NULL,
    zone_en         VARCHAR(200)  NOT NULL,
    province_code   CHAR(6)       NOT NULL,
    raw_zone        VARCHAR(1000),
    batch           INT,                     -- null on a pure revocation row
    approved_on     DATE,
    approved_prec   VARCHAR(10),
    document        VARCHAR(200),
    revoked         BOOLEAN       NOT NULL,
    revoked_on      DATE,
    revoked_prec    VARCHAR(10)
);
CREATE INDEX IF NOT EXISTS zone_entry_key ON zone_entry (instance_id, zone_key);
CREATE INDEX IF NOT EXISTS zone_entry_sheet ON zone_entry (instance_id, file_no, sheet_no, row_no);

-- Completed instances whose staged records were dropped (StateHousekeeping): their reports are published,
-- and only what identifies them (Spring Batch's rows) and what they read and checked is kept.
CREATE TABLE IF NOT EXISTS staging_dropped (
    instance_id  BIGINT        NOT NULL PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS check_result (
    instance_id  BIGINT        NOT NULL,
    seq          INT           NOT NULL,
    check_name   VARCHAR(200)  NOT NULL,
    scope        VARCHAR(1000),
    expected     VARCHAR(1000),            -- as text, also when a figure (for the log)
    actual       VARCHAR(1000),
    status       VARCHAR(10)   NOT NULL,
    detail       VARCHAR(4000),
    source       VARCHAR(4000),
    expected_value  DECIMAL(38, 10),       -- a figure's number, null for text (check/CheckValue)
    expected_format VARCHAR(300),          -- and its Excel number format, e.g. "nearly "#,##0
    actual_value    DECIMAL(38, 10),
    actual_format   VARCHAR(300),
    PRIMARY KEY (instance_id, seq)
);
-- The report asks whether any check failed, or one warned: without this, each question read every result
CREATE INDEX IF NOT EXISTS check_result_status ON check_result (instance_id, status, check_name);

-- Platform metrics (app-analytics exports): each country's figure (app, metric, date, precision, country,
-- value, and the file, sheet and row it was read from), staged as blocks of up to 2,048 figures sorted by
-- that key, one row a block per chunk (kind/platform/FigureStore, FigureBlock): a row per figure cost H2 about
-- 20 us a figure to insert, index and commit. The checks merge the blocks in key order (FigureSort). Stated
-- worldwide and regional totals are kept apart in platform_total with the platform, date and area they state.
CREATE TABLE IF NOT EXISTS platform_figure_block (
    instance_id   BIGINT         NOT NULL,
    file_no       INT            NOT NULL,   -- where the chunk's first figure was read
    sheet_no      INT            NOT NULL,
    first_row     INT            NOT NULL,
    piece         INT            NOT NULL,   -- blocks of one chunk, in key order
    figures       INT            NOT NULL,
    precisions    VARCHAR(40)    NOT NULL,   -- the granularities in the block, e.g. DAY,MONTH
    data          VARBINARY      NOT NULL,
    PRIMARY KEY (instance_id, file_no, sheet_no, first_row, piece)
);
-- Older versions staged a row per figure in platform_metric: PlatformMetricsKind.upgradeState converts the
-- figures of a run they left unfinished into blocks, then drops that table.

CREATE TABLE IF NOT EXISTS platform_total (
    instance_id   BIGINT         NOT NULL,
    file_no       INT            NOT NULL,
    sheet_no      INT            NOT NULL,
    row_no        INT            NOT NULL,
    platform      VARCHAR(200)   NOT NULL,
    period_start  DATE           NOT NULL,
    period_prec   VARCHAR(10)    NOT NULL,
    metric        VARCHAR(40)    NOT NULL,
    area          VARCHAR(200)   NOT NULL,   -- Worldwide or the M49 area's name
    stated_value  DECIMAL(38, 10) NOT NULL,
    tolerance     DECIMAL(38, 10) NOT NULL,  -- half a unit of the last digit shown
    column_name   VARCHAR(1000),
    raw_value     VARCHAR(2000)
);
CREATE INDEX IF NOT EXISTS platform_total_sheet ON platform_total (instance_id, file_no, sheet_no, row_no);
-- The checks' pass reads the stated totals in the figures' key order and merge-joins them: in this index's
-- order H2 streams them, where a sort would first copy them all (10,000 in the heap, the rest to disk).
CREATE INDEX IF NOT EXISTS platform_total_key ON platform_total (instance_id, platform, metric, period_start,
    period_prec, file_no, sheet_no, row_no);

-- Sums per platform, metric, country and period, written by the validate step's one pass over the figures
-- (FigureScan): the report's platform sheets and Summary read these thousands of rows, not the figures. Daily
-- and monthly figures are summed by month; a quarterly or yearly figure keeps its own period.
CREATE TABLE IF NOT EXISTS platform_month (
    instance_id   BIGINT         NOT NULL,
    platform      VARCHAR(200)   NOT NULL,
    parent        VARCHAR(200),
    metric        VARCHAR(40)    NOT NULL,
    country_code  CHAR(2)        NOT NULL,
    region        VARCHAR(40)    NOT NULL,   -- the country's report region and English name, so that the
    country_name  VARCHAR(200)   NOT NULL,   -- Platform Downloads sheet streams in its order from SQL
    period_month  DATE           NOT NULL,   -- first day of the period
    period_prec   VARCHAR(10)    DEFAULT 'MONTH' NOT NULL,   -- MONTH (of days or a month), QUARTER or YEAR
    metric_value  DECIMAL(38, 10) NOT NULL,
    latest_start  DATE           NOT NULL,   -- the latest figure of the month, and its precision
    latest_prec   VARCHAR(10)    NOT NULL
);
CREATE INDEX IF NOT EXISTS platform_month_key ON platform_month (instance_id, platform, metric, country_code,
    period_month);

CREATE TABLE IF NOT EXISTS platform_event (
    instance_id   BIGINT         NOT NULL,
    file_no       INT            NOT NULL,
    sheet_no      INT            NOT NULL,
    row_no        INT            NOT NULL,
    event_date    DATE,
    date_prec     VARCHAR(10),
    platform      VARCHAR(200),
    parent        VARCHAR(200),
    market        VARCHAR(200),
    market_code   VARCHAR(2),
    event         VARCHAR(1000)  NOT NULL,
    value_low     DECIMAL(38, 10),
    value_high    DECIMAL(38, 10),
    unit          VARCHAR(10),
    qualifier     VARCHAR(10),
    value_text    VARCHAR(32767),          -- up to a cell's limit; longer text is cut with a visible marker
    parse_error   VARCHAR(1000),
    reference     VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS platform_event_sheet ON platform_event (instance_id, file_no, sheet_no, row_no);

CREATE TABLE IF NOT EXISTS control_entry (
    instance_id    BIGINT         NOT NULL,
    file_no        INT            NOT NULL,
    sheet_no       INT            NOT NULL,
    row_no         INT            NOT NULL,
    check_text     VARCHAR(1000)  NOT NULL,  -- the metric as the analyst wrote it, parsed by MetricQuery
    expected_low   DECIMAL(38, 10) NOT NULL,
    expected_high  DECIMAL(38, 10) NOT NULL,
    expected_unit  VARCHAR(20),
    qualifier      VARCHAR(20)    NOT NULL,
    expected_text  VARCHAR(1000),
    source_text    VARCHAR(1000),
    note           VARCHAR(2000)
);
CREATE INDEX IF NOT EXISTS control_entry_sheet ON control_entry (instance_id, file_no, sheet_no, row_no);

-- One figure per row: a zone's (DETAIL) or a stated subtotal's/total's, for one indicator and period.
CREATE TABLE IF NOT EXISTS indicator_value (
    instance_id    BIGINT          NOT NULL,
    file_no        INT             NOT NULL,
    sheet_no       INT             NOT NULL,
    row_no         INT             NOT NULL,
    row_kind       VARCHAR(10)     NOT NULL,  -- DETAIL, SUBTOTAL, TOTAL
    row_label      VARCHAR(1000),             -- the total marker as written
    zone_key       VARCHAR(100),              -- as zone_entry.zone_key; null on total rows
    zone_code      CHAR(6),
    zone_zh        VARCHAR(200),
    zone_en        VARCHAR(200),
    province_code  CHAR(6),
    raw_zone       VARCHAR(1000),
    indicator      VARCHAR(20)     NOT NULL,
    period_start   DATE,                      -- null on a total row with a blank period cell: that of the
    period_end     DATE,                      -- rows it covers (IndicatorChecks)
    period_label   VARCHAR(20),
    amount         DECIMAL(38, 6)  NOT NULL,  -- in the base unit
    unit           VARCHAR(10)     NOT NULL,  -- CNY, USD or count
    shown_factor   DECIMAL(38, 10) NOT NULL,  -- one unit as shown, in base units
    tolerance      DECIMAL(38, 10) NOT NULL,  -- rounding the figure shows, in base units
    raw_value      VARCHAR(200),
    shown_unit     VARCHAR(100),
    col_letters    VARCHAR(5),
    column_name    VARCHAR(1000),
    zone_column    VARCHAR(200),
    pilot          BOOLEAN,                   -- settled after ingest against the registry
    approved_on    DATE,
    approved_prec  VARCHAR(10),               -- DAY or MONTH: batch 6 is known to the month only
    merged_range   VARCHAR(40),               -- the figure's cell is part of this region over several rows
    merged_copy    BOOLEAN DEFAULT FALSE NOT NULL  -- ...and is a copy of its value in a row below the first
);
CREATE INDEX IF NOT EXISTS indicator_value_sheet ON indicator_value (instance_id, file_no, sheet_no, row_no);
CREATE INDEX IF NOT EXISTS indicator_value_zone ON indicator_value (instance_id, zone_key);

-- State databases made before a column was added get it here (a no-op on new ones).
ALTER TABLE source_sheet ADD COLUMN IF NOT EXISTS rows_accepted BIGINT DEFAULT 0;
ALTER TABLE platform_month ADD COLUMN IF NOT EXISTS region VARCHAR(40) DEFAULT 'Other' NOT NULL;
ALTER TABLE platform_month ADD COLUMN IF NOT EXISTS country_name VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE platform_month ADD COLUMN IF NOT EXISTS period_prec VARCHAR(10) DEFAULT 'MONTH' NOT NULL;
ALTER TABLE check_result ADD COLUMN IF NOT EXISTS expected_value DECIMAL(38, 10);
ALTER TABLE check_result ADD COLUMN IF NOT EXISTS expected_format VARCHAR(300);
ALTER TABLE check_result ADD COLUMN IF NOT EXISTS actual_value DECIMAL(38, 10);
ALTER TABLE check_result ADD COLUMN IF NOT EXISTS actual_format VARCHAR(300);
ALTER TABLE indicator_value ADD COLUMN IF NOT EXISTS approved_prec VARCHAR(10);
ALTER TABLE indicator_value ADD COLUMN IF NOT EXISTS merged_range VARCHAR(40);
ALTER TABLE indicator_value ADD COLUMN IF NOT EXISTS merged_copy BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE indicator_value ALTER COLUMN period_start SET NULL;
ALTER TABLE indicator_value ALTER COLUMN period_end SET NULL;
ALTER TABLE indicator_value ALTER COLUMN period_label SET NULL;
