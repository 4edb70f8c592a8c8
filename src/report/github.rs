//! GitHub Actions workflow commands (`::error file=F,line=L,...::message`): a pull request
//! shows each one as an annotation on the line it names. Shared by `lint` and the diff
//! commands.

use crate::diagnostic::Severity;
use std::io::Write;

/// How many annotations of each level a command writes by default. GitHub shows at most 10
/// of each type per step (and 50 per job) and drops the rest without a word.
pub const MAX_PER_LEVEL: usize = 10;

/// Where an annotation goes; lines and columns 1-based.
struct Place<'a> {
    /// The file, as the workflow's checkout names it.
    pub file: &'a str,
    /// Line of the start.
    pub line: usize,
    /// Column of the start.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column of the end.
    pub end_column: usize,
}

/// Writes one command: `level` is `error`, `warning` or `notice`. Values are escaped as
/// GitHub's workflow commands require (`%`, line breaks; in properties also `:` and `,`).
fn annotation(
    out: &mut dyn Write,
    level: &str,
    place: &Place<'_>,
    title: &str,
    message: &str,
) -> std::io::Result<()> {
    writeln!(
        out,
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(&super::placeable(place.file)),
        place.line,
        place.column,
        place.end_line,
        place.end_column,
        property(title),
        data(message)
    )
}

/// One annotation to write: where, how severe, titled how, saying what.
#[derive(Clone, Debug)]
pub struct Annotation {
    /// Decides the command: `error`, `warning`, or `notice` for info and hint.
    pub severity: Severity,
    /// The file's path; GitHub places the annotation on the pull request's diff only when
    /// it is relative to the repository root.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end, in characters, just past the last one.
    pub end_column: usize,
    /// The annotation's title: the lint rule or change id.
    pub title: String,
    /// The text shown; may span lines (escaped when written).
    pub message: String,
}

impl Annotation {
    fn level(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        }
    }

    fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let place = Place {
            file: &self.file,
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
        };
        annotation(out, self.level(), &place, &self.title, &self.message)
    }
}

/// Writes the most severe annotations first, at most `max_per_level` of each level
/// (`None`: all), in their order within a level. When some are left out, a last notice says
/// how many and where to read them all (`read_all`: a command line, the job summary), so
/// that nothing is dropped silently; it takes one of the notices' places.
pub fn write_limited(
    out: &mut dyn Write,
    annotations: &[Annotation],
    max_per_level: Option<usize>,
    read_all: &str,
) -> std::io::Result<()> {
    let mut order: Vec<&Annotation> = annotations.iter().collect();
    order.sort_by_key(|a| std::cmp::Reverse(a.severity));
    let Some(max) = max_per_level else {
        return order.iter().try_for_each(|a| a.write(out));
    };
    let count = |level: &str| order.iter().filter(|a| a.level() == level).count();
    let over = ["error", "warning", "notice"]
        .iter()
        .any(|level| count(level) > max);
    let mut written = std::collections::HashMap::new();
    let mut left_out = 0;
    for a in order {
        let n = written.entry(a.level()).or_insert(0usize);
        let room = if over && a.level() == "notice" {
            max.saturating_sub(1)
        } else {
            max
        };
        if *n < room {
            *n += 1;
            a.write(out)?;
        } else {
            left_out += 1;
        }
    }
    if left_out > 0 {
        writeln!(
            out,
            "::notice title=specver::{}",
            data(&format!(
                "{left_out} more finding{} not shown as annotations (at most {max} per level); {read_all}",
                if left_out == 1 { " is" } else { "s are" }
            ))
        )?;
    }
    Ok(())
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(severity: Severity, line: usize) -> Annotation {
        Annotation {
            severity,
            file: "a.yaml".into(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            title: format!("t{line}"),
            message: "m".into(),
        }
    }

    #[test]
    fn the_most_severe_come_first_and_the_rest_is_counted_in_one_notice() {
        let mut all: Vec<Annotation> = (1..=4).map(|l| at(Severity::Info, l)).collect();
        all.extend((10..=12).map(|l| at(Severity::Warning, l)));
        all.push(at(Severity::Error, 20));
        let mut out = Vec::new();
        write_limited(&mut out, &all, Some(2), "run `specver check` to see all").unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let levels: Vec<&str> = lines
            .iter()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        // 1 error, 2 of 3 warnings, 1 of 4 notices (the summary notice takes a place).
        assert_eq!(
            levels,
            ["::error", "::warning", "::warning", "::notice", "::notice"]
        );
        assert!(
            lines[1].contains("line=10,") && lines[3].contains("line=1,"),
            "{text}"
        );
        assert!(
            lines[4].ends_with("::4 more findings are not shown as annotations (at most 2 per level); run `specver check` to see all"),
            "{text}"
        );
        let mut all_out = Vec::new();
        write_limited(&mut all_out, &all, None, "").unwrap();
        assert_eq!(String::from_utf8(all_out).unwrap().lines().count(), 8);
    }

    #[test]
    fn values_are_escaped() {
        let mut out = Vec::new();
        let place = Place {
            file: "a,b:c.yaml",
            line: 3,
            column: 5,
            end_line: 4,
            end_column: 1,
        };
        annotation(&mut out, "warning", &place, "x:y", "50% off\nnext").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::warning file=a%2Cb%3Ac.yaml,line=3,col=5,endLine=4,endColumn=1,title=x%3Ay::50%25 off%0Anext\n"
        );
    }
}
