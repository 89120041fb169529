//! IP addresses, CIDR blocks and transport protocols.

use std::fmt;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Tcp,
    Udp,
    Sctp,
    /// ICMP echo (ping): a probe's protocol, never a Kubernetes port's.
    Icmp,
}

impl Protocol {
    /// Kubernetes protocol names are upper-case and exact (`TCP`, `UDP`, `SCTP`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "TCP" => Some(Protocol::Tcp),
            "UDP" => Some(Protocol::Udp),
            "SCTP" => Some(Protocol::Sctp),
            _ => None,
        }
    }

    /// A probe's protocol: a Kubernetes one, or `ICMP` (an echo request, as `ping` sends).
    pub fn parse_probe(s: &str) -> Option<Self> {
        match s {
            "ICMP" => Some(Protocol::Icmp),
            _ => Self::parse(s),
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
            Protocol::Icmp => "ICMP",
        })
    }
}

/// A CIDR block. Non-canonical blocks (`192.168.242.213/24`) are treated as their network
/// (NOTES.md "Ambiguities": what cyclonus relies on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    bits: u128,
    prefix: u8,
    v6: bool,
}

fn to_bits(ip: IpAddr) -> (u128, bool) {
    match ip {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)), false),
        IpAddr::V6(v6) => (u128::from(v6), true),
    }
}

fn mask(prefix: u8, v6: bool) -> u128 {
    let width: u32 = if v6 { 128 } else { 32 };
    let prefix = u32::from(prefix).min(width);
    if prefix == 0 {
        return 0;
    }
    let ones = u128::MAX << (128 - prefix);
    if v6 { ones } else { (ones >> 96) & 0xffff_ffff }
}

/// `10.0.0.0/8` (the network address, as the block is kept).
impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ip = if self.v6 {
            IpAddr::V6(std::net::Ipv6Addr::from(self.bits))
        } else {
            IpAddr::V4(std::net::Ipv4Addr::from(self.bits as u32))
        };
        write!(f, "{ip}/{}", self.prefix)
    }
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Self> {
        let (addr, prefix) = s.split_once('/')?;
        let ip: IpAddr = addr.parse().ok()?;
        let prefix: u8 = prefix.parse().ok()?;
        let (bits, v6) = to_bits(ip);
        if prefix > if v6 { 128 } else { 32 } {
            return None;
        }
        Some(Cidr {
            bits: bits & mask(prefix, v6),
            prefix,
            v6,
        })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let (bits, v6) = to_bits(ip);
        v6 == self.v6 && bits & mask(self.prefix, v6) == self.bits
    }

    /// `other` lies inside `self` and is smaller (ValidateIPBlock: except must be a strict subset).
    pub fn strictly_contains(&self, other: &Cidr) -> bool {
        other.v6 == self.v6
            && other.prefix > self.prefix
            && other.bits & mask(self.prefix, self.v6) == self.bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn contains_and_subsets() {
        let big = Cidr::parse("0.0.0.0/4").expect("cidr");
        assert!(big.contains(ip("10.244.2.10")));
        assert!(big.contains(ip("8.8.8.8")));
        assert!(!big.contains(ip("93.184.216.34")));
        let host = Cidr::parse("10.244.2.10/32").expect("cidr");
        assert!(big.strictly_contains(&host));
        assert!(!host.strictly_contains(&big));
        assert!(!host.strictly_contains(&host));
        assert!(
            Cidr::parse("0.0.0.0/0")
                .expect("cidr")
                .contains(ip("1.2.3.4"))
        );
        assert!(!Cidr::parse("0.0.0.0/0").expect("cidr").contains(ip("::1")));
        assert!(
            Cidr::parse("192.168.242.213/24")
                .expect("cidr")
                .contains(ip("192.168.242.1"))
        );
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("10.0.0.0").is_none());
    }
}
