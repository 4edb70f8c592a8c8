//! A strict RFC 8259 JSON reader that builds the spanned tree in one pass.
//!
//! Hand-written rather than built on serde_json because serde_json throws spans and number
//! text away. It accepts exactly what serde_json accepts (the fuzz target checks this), but
//! keeps numbers as written and has its own explicit depth limit.

use super::{
    Entry, Limits, Node, Number, Object, ParseError, ParseWarning, Parsed, Span, Str, Value,
};

/// Reads a JSON text into a spanned tree, or fails at the first syntax error or limit hit
/// (depth, size).
pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        limits,
        warnings: Vec::new(),
    };
    reader.skip_ws();
    let root = reader.value()?;
    reader.skip_ws();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("unexpected content after the JSON document"));
    }
    Ok(Parsed {
        root,
        warnings: reader.warnings,
    })
}

/// A container whose members are still being read.
enum Frame {
    Array {
        start: usize,
        /// Where this array's items begin on the shared item stack.
        first: usize,
    },
    Object {
        start: usize,
        /// Where this object's entries begin on the shared entry stack.
        first: usize,
        /// The key of the member being read.
        key: (Str, Span),
    },
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    limits: &'a Limits,
    warnings: Vec<ParseWarning>,
}

/// Bytes that end the fast scan of a string body: the closing quote, an escape, or a
/// control character (which JSON forbids unescaped).
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = true;
        i += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

impl<'a> Reader<'a> {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.pos, message)
    }

    fn describe_here(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "end of input".to_string(),
            Some(c) if c.is_control() => format!("character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Reads one value. Iterative, with an explicit stack of open containers, so the
    /// depth limit and not the thread's stack size bounds how deep a document may nest.
    fn value(&mut self) -> Result<Node, ParseError> {
        let mut stack: Vec<Frame> = Vec::new();
        // Members of every open container, innermost last: one buffer each for the whole
        // document, so each container is allocated once at its exact size when it closes.
        let mut items: Vec<Node> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        loop {
            // Read the start of a value: a scalar completes at once, a non-empty container
            // becomes a frame and the loop goes on to its first member.
            let start = self.pos;
            let mut node = match self.bytes.get(self.pos) {
                Some(b'{') => {
                    self.enter()?;
                    self.pos += 1;
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b'}') {
                        self.pos += 1;
                        self.depth -= 1;
                        Node::new(Span::new(start, self.pos), Value::Object(Object::default()))
                    } else {
                        let key = self.key()?;
                        stack.push(Frame::Object {
                            start,
                            first: entries.len(),
                            key,
                        });
                        continue;
                    }
                }
                Some(b'[') => {
                    self.enter()?;
                    self.pos += 1;
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                        self.depth -= 1;
                        Node::new(Span::new(start, self.pos), Value::Array(Vec::new()))
                    } else {
                        stack.push(Frame::Array {
                            start,
                            first: items.len(),
                        });
                        continue;
                    }
                }
                Some(b'"') => {
                    let s = self.string()?;
                    Node::new(Span::new(start, self.pos), Value::String(s))
                }
                Some(b'-' | b'0'..=b'9') => {
                    let n = self.number()?;
                    Node::new(Span::new(start, self.pos), Value::Number(n))
                }
                Some(b't') => self.literal(start, "true", Value::Bool(true))?,
                Some(b'f') => self.literal(start, "false", Value::Bool(false))?,
                Some(b'n') => self.literal(start, "null", Value::Null)?,
                _ => {
                    return Err(self.error(format!(
                        "expected a JSON value, found {}",
                        self.describe_here()
                    )));
                }
            };
            // Hand the finished node to its container; close every container it finishes.
            loop {
                self.skip_ws();
                match stack.last_mut() {
                    None => return Ok(node),
                    Some(Frame::Array { start, first }) => {
                        items.push(node);
                        match self.bytes.get(self.pos) {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                break;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                self.depth -= 1;
                                let span = Span::new(*start, self.pos);
                                // Exactly as long as needed: a Vec grown by pushing would
                                // keep up to half its capacity spare for the tree's life.
                                let own: Vec<Node> = items.drain(*first..).collect();
                                stack.pop();
                                node = Node::new(span, Value::Array(own));
                            }
                            _ => {
                                return Err(self.error(format!(
                                    "expected `,` or `]` in an array, found {}",
                                    self.describe_here()
                                )));
                            }
                        }
                    }
                    Some(Frame::Object { start, first, key }) => {
                        let (k, key_span) = std::mem::take(key);
                        entries.push(Entry {
                            key: k,
                            key_span,
                            value: node,
                        });
                        match self.bytes.get(self.pos) {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                *key = self.key()?;
                                break;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                self.depth -= 1;
                                let span = Span::new(*start, self.pos);
                                let own: Vec<Entry> = entries.drain(*first..).collect();
                                stack.pop();
                                let own = merge_duplicate_keys(own, &mut self.warnings);
                                node = Node::new(span, Value::Object(Object::new(own)));
                            }
                            _ => {
                                return Err(self.error(format!(
                                    "expected `,` or `}}` in an object, found {}",
                                    self.describe_here()
                                )));
                            }
                        }
                    }
                }
            }
        }
    }

    /// Reads `"key" :` and the whitespace after it.
    fn key(&mut self) -> Result<(Str, Span), ParseError> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(self.error(format!(
                "expected a string key, found {}",
                self.describe_here()
            )));
        }
        let key_start = self.pos;
        let key = self.string()?;
        let key_span = Span::new(key_start, self.pos);
        self.skip_ws();
        if self.bytes.get(self.pos) != Some(&b':') {
            return Err(self.error(format!(
                "expected `:` after an object key, found {}",
                self.describe_here()
            )));
        }
        self.pos += 1;
        self.skip_ws();
        Ok((key, key_span))
    }

    fn literal(&mut self, start: usize, word: &str, value: Value) -> Result<Node, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node::new(Span::new(start, self.pos), value))
        } else {
            Err(self.error(format!("expected `{word}`")))
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.error(format!(
                "nesting deeper than the limit of {} levels",
                self.limits.max_depth
            )));
        }
        Ok(())
    }

    /// Reads a string starting at the opening quote; returns its decoded value.
    fn string(&mut self) -> Result<Str, ParseError> {
        self.pos += 1;
        let body_start = self.pos;
        // Fast path: no escapes, so the value is a slice of the (already valid UTF-8) text.
        while let Some(&b) = self.bytes.get(self.pos) {
            if STRING_STOP[b as usize] {
                break;
            }
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'"') => {
                let s = Str::from(&self.text[body_start..self.pos]);
                self.pos += 1;
                Ok(s)
            }
            Some(b'\\') => {
                let mut out = String::with_capacity(self.pos - body_start + 16);
                out.push_str(&self.text[body_start..self.pos]);
                self.string_with_escapes(out).map(Str::from)
            }
            Some(_) => Err(self.error("control character in a string (JSON requires it escaped)")),
            None => Err(ParseError::new(body_start - 1, "string is not closed")),
        }
    }

    fn string_with_escapes(&mut self, mut out: String) -> Result<String, ParseError> {
        let open = self.pos;
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if STRING_STOP[b as usize] {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.bytes.get(self.pos).copied();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            out.push(c);
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape in a string"));
                        }
                    }
                }
                Some(_) => {
                    return Err(
                        self.error("control character in a string (JSON requires it escaped)")
                    );
                }
                None => return Err(ParseError::new(open, "string is not closed")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u16, ParseError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| self.error("`\\u` must be followed by four hex digits"))?;
        // The four bytes are ASCII hex digits, so this cannot fail.
        let v = u16::from_str_radix(std::str::from_utf8(digits).unwrap_or("0"), 16).unwrap_or(0);
        self.pos += 4;
        Ok(v)
    }

    /// After `\u`: one escape, or a surrogate pair of two.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let at = self.pos - 2;
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(ParseError::new(
                        at,
                        "lone leading surrogate in `\\u` escape",
                    ));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(ParseError::new(
                        at,
                        "invalid surrogate pair in `\\u` escape",
                    ));
                }
                0x10000 + (((first as u32) - 0xD800) << 10) + ((second as u32) - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(ParseError::new(
                    at,
                    "lone trailing surrogate in `\\u` escape",
                ));
            }
            c => c as u32,
        };
        char::from_u32(code).ok_or_else(|| ParseError::new(at, "invalid `\\u` escape"))
    }

    fn number(&mut self) -> Result<Number, ParseError> {
        let start = self.pos;
        let b = self.bytes;
        if b[self.pos] == b'-' {
            self.pos += 1;
        }
        match b.get(self.pos) {
            Some(b'0') => {
                self.pos += 1;
                if matches!(b.get(self.pos), Some(b'0'..=b'9')) {
                    return Err(self.error("leading zeros are not allowed in JSON numbers"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        if b.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !matches!(b.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(b.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(b.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(b.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Number::from_raw(&self.text[start..self.pos]))
    }

    #[inline]
    fn digits(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

/// Reports duplicate keys and keeps one entry per key: the first position with the last
/// value, as JSON.parse and serde_json do. Small objects are checked pairwise; large ones
/// through a sorted index, so the check stays linear-ish on 1,000-entry component maps.
pub(crate) fn merge_duplicate_keys(
    mut entries: Vec<Entry>,
    warnings: &mut Vec<ParseWarning>,
) -> Vec<Entry> {
    let n = entries.len();
    let has_duplicates = if n < 2 {
        false
    } else if n <= 16 {
        (1..n).any(|i| entries[..i].iter().any(|e| e.key == entries[i].key))
    } else {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by(|&a, &b| entries[a as usize].key.cmp(&entries[b as usize].key));
        order
            .windows(2)
            .any(|w| entries[w[0] as usize].key == entries[w[1] as usize].key)
    };
    if !has_duplicates {
        return entries;
    }
    let mut kept: Vec<Entry> = Vec::with_capacity(n);
    let mut index: std::collections::HashMap<Str, usize> = std::collections::HashMap::new();
    for entry in entries.drain(..) {
        match index.get(&entry.key) {
            Some(&i) => {
                warnings.push(ParseWarning {
                    code: "duplicate-key",
                    span: entry.key_span,
                    message: format!(
                        "duplicate key `{}`: this later value replaces the earlier one",
                        entry.key
                    ),
                });
                kept[i].value = entry.value;
            }
            None => {
                index.insert(entry.key.clone(), kept.len());
                kept.push(entry);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Parsed, ParseError> {
        parse(text, &Limits::default())
    }

    #[test]
    fn keeps_spans_order_and_number_text() {
        let text = r#"{"b": 1.10, "a": [true, null, "x\ny"], "c": -0e+5}"#;
        let parsed = read(text).unwrap();
        let obj = parsed.root.as_object().unwrap();
        let keys: Vec<_> = obj.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        let b = obj.get("b").unwrap();
        assert_eq!(b.as_number().unwrap().raw(), "1.10");
        assert_eq!(&text[b.span.range()], "1.10");
        assert_eq!(&text[obj.entry("a").unwrap().key_span.range()], "\"a\"");
        let a = obj.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[2].as_str(), Some("x\ny"));
        assert_eq!(&text[a[2].span.range()], r#""x\ny""#);
        assert_eq!(obj.get("c").unwrap().as_number().unwrap().raw(), "-0e+5");
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let parsed = read(r#""a\u00e9\ud83d\ude00\/\"""#).unwrap();
        assert_eq!(parsed.root.as_str(), Some("aé😀/\""));
        assert!(read(r#""\ud800""#).is_err());
        assert!(read(r#""\udc00x""#).is_err());
    }

    #[test]
    fn rejects_what_json_forbids_at_the_right_offset() {
        for (text, offset) in [
            ("{\"a\": 1,}", 8),
            ("[1, 2", 5),
            ("01", 1),
            ("\"a\tb\"", 2),
            ("{\"a\" 1}", 5),
            ("", 0),
            ("[1] x", 4),
            ("\"abc", 0),
            ("1.", 2),
            ("tru", 0),
        ] {
            let err = read(text).unwrap_err();
            assert_eq!(err.offset, offset, "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn duplicate_keys_warn_and_keep_first_position_last_value() {
        let parsed = read(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        let obj = parsed.root.as_object().unwrap();
        assert_eq!(obj.len(), 2);
        assert_eq!(obj.entries[0].key, "a");
        assert_eq!(obj.get("a").unwrap().as_number().unwrap().raw(), "3");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].span, Span::new(17, 20));
    }

    #[test]
    fn duplicate_keys_in_large_objects_are_found() {
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k7\": 0}");
        let parsed = read(&text).unwrap();
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.root.as_object().unwrap().len(), 40);
    }

    #[test]
    fn depth_limit_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let err = read(&deep).unwrap_err();
        assert!(err.message.contains("nesting deeper"), "{}", err.message);
        assert_eq!(err.offset, 1000);
        let ok = format!("{}{}", "[".repeat(999), "]".repeat(999));
        assert!(read(&ok).is_ok());
    }
}
