//! The query parser: a hand-written recursive descent over the text, one method per
//! grammar rule, from a whole query down to filter expressions and their literals.

use super::Query;
use super::ast::{CmpOp, Expr, Func, Lit, Method, Root, Segment, Selector};
use super::prefilter::Prefilter;

/// The text being parsed and how far the parse has got.
pub(super) struct Parser<'s> {
    pub(super) src: &'s str,
    pub(super) pos: usize,
}

impl Parser<'_> {
    pub(super) fn error(&self, what: &str) -> String {
        format!(
            "`{}`: {what} at column {}",
            self.src,
            self.src[..self.pos.min(self.src.len())].chars().count() + 1
        )
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    pub(super) fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    pub(super) fn query(&mut self) -> Result<Query, String> {
        let start = self.pos;
        let root = if self.eat("$") {
            Root::Document
        } else if self.eat("@parent") {
            Root::Parent
        } else if self.eat("@") {
            Root::Current
        } else {
            return Err(self.error("expected `$` or `@`"));
        };
        let mut segments = Vec::new();
        loop {
            if self.eat("..") {
                if self.peek() == Some('[') {
                    self.pos += 1;
                    segments.push(Segment::Descendant(self.bracket()?));
                } else if self.eat("*") {
                    segments.push(Segment::Descendant(vec![Selector::Wildcard]));
                } else {
                    let name = self.name()?;
                    segments.push(Segment::Descendant(vec![Selector::Name(name)]));
                }
            } else if self.rest().starts_with('.') && !self.is_method_call() {
                self.pos += 1;
                if self.eat("*") {
                    segments.push(Segment::Child(vec![Selector::Wildcard]));
                } else {
                    let name = self.name()?;
                    segments.push(Segment::Child(vec![Selector::Name(name)]));
                }
            } else if self.peek() == Some('[') {
                self.pos += 1;
                segments.push(Segment::Child(self.bracket()?));
            } else {
                break;
            }
        }
        let names = root == Root::Document && self.eat("~");
        if self.rest().starts_with('~') {
            return Err(self.error("`~` (property names) is only supported at the end of `given`"));
        }
        Ok(Query {
            source: self.src[start..self.pos].to_string(),
            root,
            segments,
            names,
        })
    }

    /// Whether `.` here starts a JavaScript method call or `.length` on a non-query (those
    /// are handled by the expression parser), rather than a member.
    fn is_method_call(&self) -> bool {
        let rest = &self.rest()[1..];
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = rest[ident.len()..].trim_start();
        after.starts_with('(') && method_of(&ident).is_some()
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '-' || c == '$' || !c.is_ascii() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if start == self.pos {
            return Err(self.error("expected a member name"));
        }
        Ok(self.src[start..self.pos].to_string())
    }

    fn bracket(&mut self) -> Result<Vec<Selector>, String> {
        let mut sels = Vec::new();
        loop {
            self.skip_ws();
            sels.push(self.selector()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                return Ok(sels);
            }
            return Err(self.error("expected `,` or `]`"));
        }
    }

    fn selector(&mut self) -> Result<Selector, String> {
        match self.peek() {
            Some('\'') | Some('"') => Ok(Selector::Name(self.string()?)),
            Some('*') => {
                self.pos += 1;
                Ok(Selector::Wildcard)
            }
            Some('?') => {
                self.pos += 1;
                self.skip_ws();
                let e = self.expr()?;
                let prefilter = Prefilter::of(&e);
                Ok(Selector::Filter(Box::new(e), prefilter))
            }
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => {
                let a = self.opt_int()?;
                self.skip_ws();
                if self.eat(":") {
                    self.skip_ws();
                    let b = self.opt_int()?;
                    self.skip_ws();
                    let c = if self.eat(":") {
                        self.skip_ws();
                        self.opt_int()?
                    } else {
                        None
                    };
                    Ok(Selector::Slice(a, b, c))
                } else {
                    a.map(Selector::Index)
                        .ok_or_else(|| self.error("expected an index"))
                }
            }
            // JSONPath-Plus: bare names in brackets (`[get,put]`).
            Some(_) => Ok(Selector::Name(self.name()?)),
            None => Err(self.error("unexpected end")),
        }
    }

    fn opt_int(&mut self) -> Result<Option<i64>, String> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Ok(None);
        }
        self.src[start..self.pos]
            .parse()
            .map(Some)
            .map_err(|_| self.error("bad integer"))
    }

    fn string(&mut self) -> Result<String, String> {
        let quote = self.peek().unwrap();
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated string"));
            };
            self.pos += c.len_utf8();
            if c == quote {
                return Ok(out);
            }
            if c == '\\' {
                let Some(e) = self.peek() else {
                    return Err(self.error("unterminated string"));
                };
                self.pos += e.len_utf8();
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let hex = self
                            .src
                            .get(self.pos..self.pos + 4)
                            .ok_or_else(|| self.error("bad escape"))?;
                        let v =
                            u32::from_str_radix(hex, 16).map_err(|_| self.error("bad escape"))?;
                        self.pos += 4;
                        out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
    }

    // Expressions, lowest precedence first.
    fn expr(&mut self) -> Result<Expr, String> {
        self.chain("||", Self::and, Expr::Or)
    }

    fn and(&mut self) -> Result<Expr, String> {
        self.chain("&&", Self::cmp, Expr::And)
    }

    /// `operand (op operand)*`: one operand as it is, several joined by `join`.
    fn chain(
        &mut self,
        op: &str,
        operand: fn(&mut Self) -> Result<Expr, String>,
        join: fn(Vec<Expr>) -> Expr,
    ) -> Result<Expr, String> {
        let mut xs = vec![operand(self)?];
        loop {
            self.skip_ws();
            if !self.eat(op) {
                break;
            }
            self.skip_ws();
            xs.push(operand(self)?);
        }
        Ok(if xs.len() == 1 {
            xs.pop().unwrap()
        } else {
            join(xs)
        })
    }

    fn cmp(&mut self) -> Result<Expr, String> {
        let a = self.unary()?;
        self.skip_ws();
        let op = if self.eat("===") || self.eat("==") {
            CmpOp::Eq
        } else if self.eat("!==") || self.eat("!=") {
            CmpOp::Ne
        } else if self.eat("<=") {
            CmpOp::Le
        } else if self.eat(">=") {
            CmpOp::Ge
        } else if self.eat("<") {
            CmpOp::Lt
        } else if self.eat(">") {
            CmpOp::Gt
        } else {
            return Ok(a);
        };
        self.skip_ws();
        let b = self.unary()?;
        Ok(Expr::Cmp(Box::new(a), op, Box::new(b)))
    }

    fn unary(&mut self) -> Result<Expr, String> {
        self.skip_ws();
        if self.rest().starts_with('!') && !self.rest().starts_with("!=") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat_word("typeof") {
            return Ok(Expr::Typeof(Box::new(self.unary()?)));
        }
        let base = self.primary()?;
        self.postfix(base)
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let rest = self.rest();
        if rest.starts_with(w)
            && !rest[w.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    fn postfix(&mut self, mut e: Expr) -> Result<Expr, String> {
        loop {
            let save = self.pos;
            self.skip_ws();
            if !self.eat(".") {
                self.pos = save;
                return Ok(e);
            }
            let name = self.name()?;
            self.skip_ws();
            if self.eat("(") {
                let m = method_of(&name)
                    .ok_or_else(|| self.error(&format!("unsupported method `{name}`")))?;
                let args = self.args()?;
                e = Expr::Method(Box::new(e), m, args);
            } else if name == "length" {
                e = Expr::Length(Box::new(e));
            } else {
                return Err(self.error(&format!("unsupported member `.{name}` here")));
            }
        }
    }

    fn args(&mut self) -> Result<Vec<Expr>, String> {
        let mut args = Vec::new();
        self.skip_ws();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            self.skip_ws();
            args.push(self.expr()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat(")") {
                return Ok(args);
            }
            return Err(self.error("expected `,` or `)`"));
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with('(') {
            self.pos += 1;
            let e = self.expr()?;
            self.skip_ws();
            if !self.eat(")") {
                return Err(self.error("expected `)`"));
            }
            return Ok(e);
        }
        if rest.starts_with("@property") {
            self.pos += "@property".len();
            return Ok(Expr::Property);
        }
        if rest.starts_with("@parentProperty") {
            self.pos += "@parentProperty".len();
            return Ok(Expr::ParentProperty);
        }
        if rest.starts_with("@path") || rest.starts_with("@root") {
            return Err(self.error("`@path` and `@root` are not supported"));
        }
        if rest.starts_with('@') || rest.starts_with('$') {
            return Ok(Expr::Query(self.query()?));
        }
        if rest.starts_with('\'') || rest.starts_with('"') {
            return Ok(Expr::Lit(Lit::Str(self.string()?)));
        }
        if rest.starts_with('[') {
            return self.array_literal();
        }
        if rest.starts_with('/') {
            return self.regex();
        }
        if rest.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            return self.number();
        }
        for (w, lit) in [
            ("true", Lit::Bool(true)),
            ("false", Lit::Bool(false)),
            ("null", Lit::Null),
            ("undefined", Lit::Nothing),
        ] {
            if self.eat_word(w) {
                return Ok(Expr::Lit(lit));
            }
        }
        if self.eat_word("void") {
            self.skip_ws();
            self.unary()?;
            return Ok(Expr::Lit(Lit::Nothing));
        }
        if self.eat("Array.isArray(") {
            let args = self.args()?;
            return Ok(Expr::Call(Func::IsArray, args));
        }
        self.function_call()
    }

    /// `['get', 'put']`
    fn array_literal(&mut self) -> Result<Expr, String> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.eat("]") {
                return Ok(Expr::Array(items));
            }
            items.push(self.expr()?);
            self.skip_ws();
            self.eat(",");
        }
    }

    fn number(&mut self) -> Result<Expr, String> {
        let start = self.pos;
        self.pos += 1;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        {
            self.pos += 1;
        }
        let n: f64 = self.src[start..self.pos]
            .parse()
            .map_err(|_| self.error("bad number"))?;
        Ok(Expr::Lit(Lit::Num(n)))
    }

    /// An RFC 9535 function (`length(@.x)`), the last thing a primary can be.
    fn function_call(&mut self) -> Result<Expr, String> {
        let save = self.pos;
        if let Ok(name) = self.name() {
            self.skip_ws();
            if self.eat("(") {
                let f = match name.as_str() {
                    "length" => Func::Length,
                    "count" => Func::Count,
                    "match" => Func::Match,
                    "search" => Func::Search,
                    "value" => Func::Value,
                    _ => {
                        self.pos = save;
                        return Err(self.error(&format!("unsupported function `{name}`")));
                    }
                };
                let args = self.args()?;
                return Ok(Expr::Call(f, args));
            }
            self.pos = save;
        }
        Err(self.error("unexpected text in filter"))
    }

    fn regex(&mut self) -> Result<Expr, String> {
        self.pos += 1;
        let start = self.pos;
        let mut in_class = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated regular expression"));
            };
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    if let Some(n) = self.peek() {
                        self.pos += n.len_utf8();
                    }
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                _ => {}
            }
        }
        let body = &self.src[start..self.pos - 1];
        let mut flags = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphabetic()) {
            flags.push(c);
            self.pos += 1;
        }
        let re = crate::lint::util::js_regex(body, &flags).map_err(|e| self.error(&e))?;
        Ok(Expr::Regex(re))
    }
}

fn method_of(name: &str) -> Option<Method> {
    Some(match name {
        "match" => Method::Match,
        "test" => Method::Test,
        "includes" => Method::Includes,
        "startsWith" => Method::StartsWith,
        "endsWith" => Method::EndsWith,
        "indexOf" => Method::IndexOf,
        "toLowerCase" => Method::ToLowerCase,
        "toUpperCase" => Method::ToUpperCase,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::Query;

    #[test]
    fn rejects_bad_queries() {
        for q in [
            "",
            "info",
            "$.",
            "$[",
            "$[?(@.a ==]",
            "$.a~~",
            "$[?(@.a~)]",
            "$[?(@.a.foo())]",
        ] {
            assert!(Query::parse(q).is_err(), "{q}");
        }
    }
}
