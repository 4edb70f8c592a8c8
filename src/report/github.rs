//! GitHub Actions workflow commands (`::error file=F,line=L,...::message`): a pull request
//! shows each one as an annotation on the line it names. Shared by `lint` and the diff
//! commands.

use std::io::Write;

/// Where an annotation goes; lines and columns 1-based.
pub struct Place<'a> {
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
pub fn annotation(
    out: &mut dyn Write,
    level: &str,
    place: &Place<'_>,
    title: &str,
    message: &str,
) -> std::io::Result<()> {
    writeln!(
        out,
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(place.file),
        place.line,
        place.column,
        place.end_line,
        place.end_column,
        property(title),
        data(message)
    )
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
