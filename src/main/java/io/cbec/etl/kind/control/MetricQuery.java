package io.cbec.etl.kind.control;

import io.cbec.etl.normalise.BatchParser;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Period;
import io.cbec.etl.normalise.PeriodParser;
import io.cbec.etl.normalise.TextNormaliser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric named in plain words, parsed once into the metric's name and its qualifiers.
 *
 * <p>The form: a metric name, then qualifiers separated by commas, or after " in ", or in brackets:
 * <pre>
 *   Active pilot zones                          metric "active pilot zones"
 *   Zones in batch 7                            metric "zones",  batch=7
 *   Zones in Guangdong                          metric "zones",  place=Guangdong
 *   Pilot zones approved (batch 7)              metric "pilot zones approved", batch=7
 *   Pilot zones nationwide                      metric "pilot zones", place=nationwide
 *   CBEC trade value, Zhejiang, 2024            metric "cbec trade value", place=Zhejiang, period=2024
 *   Exports, Hangzhou, 2024年1-6月               metric "exports", place=Hangzhou, period=2024-01/2024-06
 *   Temu downloads, Worldwide, as of 2023-01-31 metric "temu downloads", place=Worldwide, as-of=2023-01-31
 * </pre>
 * A qualifier is read as: "as of"/"截至" + a date -> {@value #AS_OF}; "batch 7"/"第七批" -> {@value #BATCH};
 * a period (2024, 2024Q1, 2024-03, 2024年1-6月) -> {@value #PERIOD}; anything else -> {@value #PLACE}
 * (a second place is {@value #PLACE}2). Values are canonical: a batch number, a period label, an ISO date.
 *
 * @param metric     the metric's name, lower-cased with single spaces
 * @param qualifiers qualifier name to canonical value, in the order written
 * @param text       the text as the analyst wrote it
 */
public record MetricQuery(String metric, Map<String, String> qualifiers, String text) {

    public static final String PLACE = "place";
    public static final String PERIOD = "period";
    public static final String BATCH = "batch";
    public static final String AS_OF = "as-of";

    private static final Pattern BRACKETS = Pattern.compile("[(\\[]([^()\\[\\]]*)[)\\]]");
    private static final Pattern SEPARATORS = Pattern.compile("\\s*[,;，；、]\\s*");
    private static final Pattern IN = Pattern.compile("\\s+in\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NATIONWIDE = Pattern.compile("^(.+?)\\s+(nationwide|in china)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AS_OF_WORDS = Pattern.compile("^(?:as of|as at|at|by|until|截至|截止|截止到)\\s*(.+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BATCH_WORDS = Pattern.compile("^(?:batch|round)\\s*\\S+$|^第.{1,3}批$",
            Pattern.CASE_INSENSITIVE);

    public MetricQuery {
        qualifiers = Collections.unmodifiableMap(new LinkedHashMap<>(qualifiers));
    }

    public static MetricQuery parse(String text) {
        String cleaned = TextNormaliser.clean(text);
        List<String> parts = new ArrayList<>();
        Matcher bracket = BRACKETS.matcher(cleaned);
        StringBuilder rest = new StringBuilder();
        while (bracket.find()) {
            parts.add(bracket.group(1));
            bracket.appendReplacement(rest, ",");
        }
        bracket.appendTail(rest);
        List<String> pieces = new ArrayList<>(List.of(SEPARATORS.split(rest.toString().strip())));
        String head = pieces.isEmpty() ? "" : pieces.remove(0);
        pieces.addAll(0, parts);
        String[] in = IN.split(head, 2);
        if (in.length == 2) {
            head = in[0];
            pieces.add(0, in[1]);
        }
        Matcher nationwide = NATIONWIDE.matcher(head);
        if (nationwide.matches()) {
            head = nationwide.group(1);
            pieces.add(0, "nationwide");
        }
        Map<String, String> qualifiers = new LinkedHashMap<>();
        for (String piece : pieces) {
            String p = piece.strip();
            if (!p.isEmpty()) {
                qualify(p, qualifiers);
            }
        }
        return new MetricQuery(head.strip().toLowerCase(Locale.ROOT), qualifiers, cleaned);
    }

    private static void qualify(String p, Map<String, String> qualifiers) {
        Matcher asOf = AS_OF_WORDS.matcher(p);
        if (asOf.matches()) {
            Parsed<PartialDate> date = DateParser.parse(asOf.group(1));
            qualifiers.put(AS_OF, date.ok() ? date.value().toString() : asOf.group(1));
            return;
        }
        if (BATCH_WORDS.matcher(p).matches()) {
            Parsed<Integer> batch = BatchParser.parse(p);
            if (batch.ok()) {
                qualifiers.put(BATCH, batch.value().toString());
                return;
            }
        }
        Parsed<Period> period = PeriodParser.parse(p);
        if (period.ok()) {
            qualifiers.put(PERIOD, period.value().label());
            return;
        }
        qualifiers.put(qualifiers.containsKey(PLACE) ? PLACE + "2" : PLACE, p);
    }

    public Optional<String> qualifier(String name) {
        return Optional.ofNullable(qualifiers.get(name));
    }

    /** True when the metric's name is one of these (already lower-case) names. */
    public boolean isOneOf(Set<String> names) {
        return names.contains(metric);
    }

    /** The qualifiers other than these, for "X does not take a Y" messages. */
    public List<String> qualifiersBesides(String... allowed) {
        List<String> other = new ArrayList<>(qualifiers.keySet());
        other.removeAll(List.of(allowed));
        return other;
    }
}
