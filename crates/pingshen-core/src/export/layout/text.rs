//! Line breaking (pure): where a line may break ([`is_cjk`]), the Chinese line-start and line-end
//! prohibitions ([`NO_LINE_START`], [`NO_LINE_END`]), [`break_lines`] and 一字不成行
//! ([`avoid_lone_last_characters`]).

use super::EPS;

/// Characters that must not begin a line (行首禁则).
pub const NO_LINE_START: &str = "，。、；：？！）」』》〉】〕〗〙〛”’·•%‰℃．,.;:?!)]}％～々〃ー";
/// Characters that must not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（「『《〈【〔〖〘〚“‘([{";

fn no_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Whether a line may break on either side of `c` (CJK ideographs, kana, CJK and
/// full-width punctuation, and the typographic quotes, dashes and ellipses of Chinese text).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F     // radicals, CJK symbols and punctuation
        | 0x3040..=0x9FFF   // kana, bopomofo, CJK strokes, Ext. A, URO
        | 0xAC00..=0xD7AF   // hangul
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFE10..=0xFE1F   // vertical forms
        | 0xFE30..=0xFE4F   // compatibility forms
        | 0xFF00..=0xFFEF   // full-width forms
        | 0x20000..=0x3FFFF // Ext. B and beyond
    ) || "‘’“”…—―·•".contains(c)
}

/// One line produced by [`break_lines`].
#[derive(Clone, Debug, PartialEq)]
pub struct BrokenLine {
    pub text: String,
    /// Natural width: sum of advances plus letter spacing between the characters.
    pub width: f32,
    /// First line of a paragraph (gets the first-line indent).
    pub first: bool,
    /// Last line of a paragraph (never justified).
    pub last: bool,
}

#[derive(Debug)]
struct Cluster {
    chars: Vec<char>,
    space: bool,
}

/// Splits one paragraph (no `\n`) into unbreakable clusters: a CJK character, a Latin word
/// or a run of spaces, with line-start-prohibited characters glued to what precedes them
/// and line-end-prohibited ones glued to what follows, and ——/…… kept in one piece.
fn clusters(text: &str) -> Vec<Cluster> {
    // Units first: single CJK chars, Latin words, space runs.
    let mut units: Vec<Cluster> = Vec::new();
    for c in text.chars() {
        let c = if c == '\t' { ' ' } else { c };
        if c.is_control() {
            continue;
        }
        let space = c == ' ' || (c.is_whitespace() && c != '\u{3000}');
        if space {
            match units.last_mut() {
                Some(u) if u.space => u.chars.push(c),
                _ => units.push(Cluster { chars: vec![c], space: true }),
            }
        } else if is_cjk(c) {
            units.push(Cluster { chars: vec![c], space: false });
        } else {
            match units.last_mut() {
                Some(u) if !u.space && !u.chars.last().is_some_and(|&l| is_cjk(l)) => u.chars.push(c),
                _ => units.push(Cluster { chars: vec![c], space: false }),
            }
        }
    }
    // Then glue. A space after a line-end-prohibited character or before a
    // line-start-prohibited one is glued too (it cannot be a break either).
    let mut out: Vec<Cluster> = Vec::new();
    for u in units {
        let n = out.len();
        let last_char = |c: &Cluster| c.chars[c.chars.len() - 1];
        if u.space {
            if n > 0 && !out[n - 1].space && no_end(last_char(&out[n - 1])) {
                out[n - 1].chars.extend(u.chars);
            } else {
                out.push(u);
            }
            continue;
        }
        let f = u.chars[0];
        if n >= 2 && out[n - 1].space && !out[n - 2].space && no_start(f) {
            if let Some(sp) = out.pop() {
                out[n - 2].chars.extend(sp.chars);
            }
            out[n - 2].chars.extend(u.chars);
            continue;
        }
        let glue = n > 0 && !out[n - 1].space && {
            let p = last_char(&out[n - 1]);
            no_start(f) || no_end(p) || (p == f && (p == '—' || p == '…'))
        };
        if glue {
            out[n - 1].chars.extend(u.chars);
        } else {
            out.push(u);
        }
    }
    out
}

/// Breaks `text` into lines of at most `width` (same unit as `advance`), the first line of
/// each paragraph (`\n` separates paragraphs) being `first_indent` narrower. `spacing` is
/// added between consecutive characters (letter spacing). Lines break at any CJK character
/// and at spaces between Latin words; spaces at a break are dropped. No line starts with a
/// character of [`NO_LINE_START`] (the character before it moves down with it) and no line
/// ends with one of [`NO_LINE_END`]. Only a piece wider than a whole line is cut anywhere.
pub fn break_lines(
    text: &str,
    width: f32,
    first_indent: f32,
    spacing: f32,
    advance: impl Fn(char) -> f32,
) -> Vec<BrokenLine> {
    let sum = |cs: &[char]| -> f32 { cs.iter().map(|&c| advance(c)).sum() };
    let fits = |adv: f32, n: usize, avail: f32| adv + spacing * n.saturating_sub(1) as f32 <= avail + EPS;
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.strip_suffix('\r').unwrap_or(para);
        let mut first = true;
        let mut line: Vec<char> = Vec::new();
        let mut adv = 0.0f32;
        let mut pending: Vec<char> = Vec::new(); // spaces waiting for the next word
        let mut emit = |line: &mut Vec<char>, adv: f32, first: &mut bool, last: bool| {
            out.push(BrokenLine {
                text: line.iter().collect(),
                width: adv + spacing * line.len().saturating_sub(1) as f32,
                first: *first,
                last,
            });
            line.clear();
            *first = false;
        };
        for cl in clusters(para) {
            if cl.space {
                if !line.is_empty() {
                    pending.extend(&cl.chars);
                }
                continue;
            }
            let avail = if first { width - first_indent } else { width };
            let (cl_adv, pend_adv) = (sum(&cl.chars), sum(&pending));
            let n = line.len() + pending.len() + cl.chars.len();
            if line.is_empty() || fits(adv + pend_adv + cl_adv, n, avail) {
                if !line.is_empty() {
                    line.append(&mut pending);
                    adv += pend_adv;
                }
                pending.clear();
                line.extend(&cl.chars);
                adv += cl_adv;
            } else {
                pending.clear();
                emit(&mut line, adv, &mut first, false);
                line.extend(&cl.chars);
                adv = cl_adv;
            }
            // Only a piece wider than a whole line can overflow here: cut it by characters.
            loop {
                let avail = if first { width - first_indent } else { width };
                if line.len() <= 1 || fits(adv, line.len(), avail) {
                    break;
                }
                let mut k = 1;
                let mut a = advance(line[0]);
                while k < line.len() && fits(a + advance(line[k]), k + 1, avail) {
                    a += advance(line[k]);
                    k += 1;
                }
                let rest = line.split_off(k);
                emit(&mut line, a, &mut first, false);
                adv = sum(&rest);
                line = rest;
            }
        }
        emit(&mut line, adv, &mut first, true);
    }
    out
}

/// 一字不成行: wherever a paragraph's last line would hold a single character (with its trailing
/// punctuation, e.g. 「下。」), the line before gives it its last cluster. Whole clusters move,
/// so the punctuation rules of [`break_lines`] still hold, and the moved line stays far inside
/// the width. Used for running text (paragraphs), not for table cells.
pub fn avoid_lone_last_characters(lines: &mut [BrokenLine], spacing: f32, advance: impl Fn(char) -> f32) {
    for i in 1..lines.len() {
        if lines[i].last && !lines[i].first {
            pull_one_cluster_down(&mut lines[i - 1..=i], spacing, &advance);
        }
    }
}

fn pull_one_cluster_down(out: &mut [BrokenLine], spacing: f32, advance: &impl Fn(char) -> f32) {
    let n = out.len();
    let last: Vec<char> = out[n - 1].text.chars().collect();
    let core = last.iter().filter(|&&c| !no_start(c)).count();
    if core != 1 || !last.first().is_some_and(|&c| is_cjk(c)) {
        return;
    }
    let prev = clusters(&out[n - 2].text);
    let words = prev.iter().filter(|c| !c.space).count();
    if words < 4 {
        return;
    }
    let Some(k) = prev.iter().rposition(|c| !c.space) else { return };
    if !prev[k].chars.first().is_some_and(|&c| is_cjk(c)) {
        return;
    }
    let keep: Vec<char> = prev[..k].iter().flat_map(|c| c.chars.iter().copied()).collect();
    let keep: Vec<char> = {
        let mut v = keep;
        while v.last().is_some_and(|c| *c == ' ') {
            v.pop();
        }
        v
    };
    let moved: Vec<char> = prev[k].chars.iter().copied().chain(last.iter().copied()).collect();
    let width = |cs: &[char]| cs.iter().map(|&c| advance(c)).sum::<f32>() + spacing * cs.len().saturating_sub(1) as f32;
    out[n - 2].width = width(&keep);
    out[n - 2].text = keep.into_iter().collect();
    out[n - 1].width = width(&moved);
    out[n - 1].text = moved.into_iter().collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK = 1 unit, anything else 0.5.
    fn unit(c: char) -> f32 {
        if is_cjk(c) {
            1.0
        } else {
            0.5
        }
    }

    fn texts(lines: &[BrokenLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn breaks_cjk_anywhere() {
        let l = break_lines("一二三四五六七八九十一二三", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九十", "一二三"]);
        assert!(l[0].first && !l[0].last && !l[1].first && l[1].last);
        assert_eq!(l[0].width, 10.0);
    }

    #[test]
    fn closing_punctuation_pulls_previous_char_down() {
        let l = break_lines("一二三四五六七八九十。", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "十。"]);
        let l = break_lines("一二三四五六七八九十。”后文", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "十。”后文"]);
        for p in ["，", "。", "、", "；", "：", "？", "！", "）", "」", "》", "”", "’"] {
            let l = break_lines(&format!("一二三四五六七八九十{p}一"), 10.0, 0.0, 0.0, unit);
            assert_eq!(texts(&l), ["一二三四五六七八九", &format!("十{p}一")], "{p}");
        }
    }

    #[test]
    fn a_lone_last_character_gets_company() {
        // 「十。」 alone would be one character on the last line: 「九」 comes down with it.
        let mut l = break_lines("一二三四五六七八九十。", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八", "九十。"]);
        assert_eq!((l[0].width, l[1].width), (8.0, 3.0));
        // two characters on the last line are fine; so is a one-line paragraph
        let mut l = break_lines("一二三四五六七八九十一二", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九十", "一二"]);
        let mut l = break_lines("下。", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["下。"]);
        // per paragraph: only the paragraph whose last line is lonely changes
        let mut l = break_lines("一二三四五六七八九十一\n一二三四五六七八九十一二", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "十一", "一二三四五六七八九十", "一二"]);
        // a line never starts with closing punctuation after the move (whole clusters move)
        let mut l = break_lines("一二三四五六七八九，十。", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert!(l.iter().all(|x| !x.text.starts_with('，') && !x.text.starts_with('。')), "{:?}", texts(&l));
    }

    #[test]
    fn opening_punctuation_moves_down() {
        let l = break_lines("一二三四五六七八九《十》", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "《十》"]);
        for p in ["（", "「", "《", "“", "‘"] {
            let l = break_lines(&format!("一二三四五六七八九{p}十"), 10.0, 0.0, 0.0, unit);
            assert_eq!(texts(&l), ["一二三四五六七八九", &format!("{p}十")], "{p}");
        }
    }

    #[test]
    fn latin_breaks_at_spaces_and_long_words_are_cut() {
        // "ab cd" = 1 + .5 + 1 = 2.5; adding " ef" would make 4.
        let l = break_lines("ab cd ef", 3.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["ab cd", "ef"]);
        let l = break_lines("abcdefghij", 2.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["abcd", "efgh", "ij"]);
        // Mixed: a number stays whole, CJK may break around it.
        let l = break_lines("金额12345万元", 5.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["金额12345", "万元"]);
    }

    #[test]
    fn indent_spacing_and_hard_breaks() {
        let l = break_lines("一二三四五六七八九十一二", 10.0, 2.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八", "九十一二"]);
        // Letter spacing 0.5 between chars: 7 chars = 7 + 3 = 10.
        let l = break_lines("一二三四五六七八", 10.0, 0.0, 0.5, unit);
        assert_eq!(texts(&l), ["一二三四五六七", "八"]);
        let l = break_lines("第一段\n\n第三段", 10.0, 2.0, 0.0, unit);
        assert_eq!(texts(&l), ["第一段", "", "第三段"]);
        assert!(l.iter().all(|x| x.first && x.last));
        assert_eq!(texts(&break_lines("", 10.0, 0.0, 0.0, unit)), [""]);
    }

    #[test]
    fn dashes_and_ellipses_stay_together() {
        let l = break_lines("一二三四五六七八九——十", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "——十"]);
        let l = break_lines("一二三四五六七八九……", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "……"]);
    }

    proptest::proptest! {
        #[test]
        fn breaking_keeps_text_and_rules(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "评", "审", "委员会", "项目", "，", "。", "、", "；", "：", "？", "！",
                    "（", "）", "《", "》", "“", "”", "‘", "’", "「", "」", "2025", "年", "ABC", " ",
                ]),
                0..80,
            ),
            width in 6u32..30,
        ) {
            let text: String = pieces.concat();
            let width = width as f32;
            // Only a piece wider than a line may break the rules (it is cut anywhere).
            let widest = clusters(&text)
                .iter()
                .map(|c| c.chars.iter().map(|&ch| unit(ch)).sum::<f32>())
                .fold(0.0, f32::max);
            proptest::prop_assume!(widest <= width - 2.0);
            let lines = break_lines(&text, width, 2.0, 0.0, unit);
            // Nothing lost but spaces at breaks.
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect::<String>();
            let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            proptest::prop_assert_eq!(strip(&joined), strip(&text));
            for (i, l) in lines.iter().enumerate() {
                let avail = if l.first { width - 2.0 } else { width };
                proptest::prop_assert!(l.width <= avail + 0.001, "line {} too wide: {:?}", i, l);
                if let Some(c) = l.text.chars().next() {
                    proptest::prop_assert!(i == 0 || !no_start(c), "line starts with {}: {:?}", c, lines);
                }
                if let Some(c) = l.text.chars().last() {
                    proptest::prop_assert!(l.last || !no_end(c), "line ends with {}: {:?}", c, lines);
                }
                proptest::prop_assert!(!l.text.starts_with(' ') || i == 0);
            }
        }
    }
}
