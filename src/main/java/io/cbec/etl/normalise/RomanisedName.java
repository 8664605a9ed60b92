package io.cbec.etl.normalise;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Romanised (pinyin or English) place names: building the conventional spelling from toneless pinyin,
 * and the comparison key under which "Ha'erbin", "ha er bin", "HAERBIN" and "Hā'ěrbīn" are equal.
 */
final class RomanisedName {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^a-z]+");
    private static final Pattern SYLLABLE_SEPARATOR = Pattern.compile("\\s+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`´]");

    private RomanisedName() {
    }

    /**
     * "xi an" to "Xi'an", "ma an shan" to "Ma'anshan", "lv liang" to "Lüliang": syllables joined, an
     * apostrophe before a non-initial syllable starting with a vowel (the pinyin rule that keeps
     * Xi'an apart from xian), first letter capitalised.
     */
    static String fromPinyin(String tonelessPinyin) {
        String[] syllables = SYLLABLE_SEPARATOR.split(tonelessPinyin.strip().toLowerCase(Locale.ROOT));
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < syllables.length; i++) {
            String syllable = syllables[i].replace('v', 'ü');
            if (syllable.isEmpty()) {
                continue;
            }
            if (i > 0 && "aeo".indexOf(syllable.charAt(0)) >= 0) {
                name.append('\'');
            }
            name.append(syllable);
        }
        return name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Lower-case ASCII letters only; ü (and the v that stands for it) become v, tone marks go. */
    static String key(String romanised) {
        String s = romanised.toLowerCase(Locale.ROOT).replace('ü', 'v');
        s = COMBINING_MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return NOT_LETTER.matcher(s).replaceAll("");
    }

    /** Words of a romanised name, apostrophes inside syllables dropped: "Xi'an City" to [xian, city]. */
    static String[] words(String romanised) {
        String s = APOSTROPHES.matcher(romanised.toLowerCase(Locale.ROOT)).replaceAll("").replace('ü', 'v');
        s = COMBINING_MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = NOT_LETTER.matcher(s).replaceAll(" ").strip();
        return s.isEmpty() ? new String[0] : s.split(" ");
    }
}
