//! JSON Web Tokens as Istio's RequestAuthentication reads them from `Authorization: Bearer`:
//! the payload's claims (RFC 7519), validated against the issuers a workload accepts. The
//! signature is not checked: a probe's token stands for one its issuer signed.

use serde_json::{Map, Value};

use crate::sim::model::istio::JwtRule;

/// A token that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Jwt {
    /// `ISS/SUB`, what `requestPrincipals` and `request.auth.principal` match.
    pub principal: String,
    pub claims: Map<String, Value>,
}

impl Jwt {
    /// The string values of a claim (a list claim gives each element; `path` walks nested
    /// objects).
    pub fn claim(&self, path: &[&str]) -> Vec<&str> {
        let mut value = None;
        let mut map = Some(&self.claims);
        for key in path {
            value = map.and_then(|m| m.get(*key));
            map = value.and_then(Value::as_object);
        }
        match value {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// The bearer token of a request's `Authorization` header, if any.
pub fn bearer(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .and_then(|(_, v)| v.strip_prefix("Bearer ").map(str::trim))
}

/// Validate `token` against `rules`: Err says why Envoy's jwt_authn filter answers 401.
pub fn validate(token: &str, rules: &[&JwtRule]) -> Result<Jwt, &'static str> {
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("Jwt is not in the form of Header.Payload.Signature");
    };
    let bytes = base64url(payload).ok_or("Jwt payload is not base64url")?;
    let claims: Map<String, Value> =
        serde_json::from_slice(&bytes).map_err(|_| "Jwt payload is not a JSON object")?;
    let iss = claims.get("iss").and_then(Value::as_str).unwrap_or("");
    let rule = rules
        .iter()
        .find(|r| r.issuer == iss)
        .ok_or("Jwt issuer is not configured")?;
    let jwt = Jwt {
        principal: format!(
            "{iss}/{}",
            claims.get("sub").and_then(Value::as_str).unwrap_or("")
        ),
        claims,
    };
    let aud = jwt.claim(&["aud"]);
    if !rule.audiences.is_empty() && !aud.iter().any(|a| rule.audiences.iter().any(|r| r == a)) {
        return Err("Audiences in Jwt are not allowed");
    }
    Ok(jwt)
}

/// Decode unpadded base64url (RFC 4648 §5); padding is tolerated.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// istio/istio security/tools/jwt/samples/demo.jwt (the authz-jwt task's token).
    const DEMO: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6IkRIRmJwb0lVcXJZOHQyenBBMnFYZkNtcjVWTzVaRXI0UnpIVV8tZW52dlEiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjQ2ODU5ODk3MDAsImZvbyI6ImJhciIsImlhdCI6MTUzMjM4OTcwMCwiaXNzIjoidGVzdGluZ0BzZWN1cmUuaXN0aW8uaW8iLCJzdWIiOiJ0ZXN0aW5nQHNlY3VyZS5pc3Rpby5pbyJ9.sig";

    #[test]
    fn reads_the_demo_token() {
        let rule = JwtRule {
            issuer: "testing@secure.istio.io".into(),
            audiences: Vec::new(),
        };
        let jwt = validate(DEMO, &[&rule]).unwrap();
        assert_eq!(
            jwt.principal,
            "testing@secure.istio.io/testing@secure.istio.io"
        );
        assert_eq!(jwt.claim(&["foo"]), vec!["bar"]);
        let other = JwtRule {
            issuer: "someone-else".into(),
            audiences: Vec::new(),
        };
        assert!(validate(DEMO, &[&other]).is_err());
        assert!(validate("invalidToken", &[&rule]).is_err());
    }
}
