//! One request's path over the resolved model: who sends it ([`refs`]), where it goes
//! ([`service`], [`gateway`], [`http_route`], Istio's [`virtual_service`] and
//! [`istio_gateway`]), what the CNI ([`netpol`], [`cni`]) and the
//! mesh proxies ([`istio`], [`linkerd`], [`cilium`], [`inbound`]) decide on the way
//! ([`path`]), and what the client sees ([`outcome`]). [`probe`] runs a probe's requests.

pub(crate) mod cilium;
pub(crate) mod cni;
pub mod gateway;
pub(crate) mod gateway_stream;
pub(crate) mod hop_label;
pub mod http_route;
pub(crate) mod inbound;
pub mod istio;
pub(crate) mod istio_gateway;
pub mod jwt;
pub mod latency;
pub mod linkerd;
pub(crate) mod linkerd_egress;
pub mod mesh;
pub mod netpol;
pub mod outcome;
pub(crate) mod pace;
pub(crate) mod path;
pub mod probe;
pub mod readiness;
pub mod refs;
pub mod route_filters;
pub(crate) mod service;
pub(crate) mod virtual_service;
pub mod wrr;
