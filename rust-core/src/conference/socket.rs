//! The session WebSocket's transport: TCP, TLS through the core's own rustls configuration for
//! `wss` (plain `ws` is only accepted for loopback, see `config.rs`), then the WebSocket
//! handshake. TLS is done here rather than by tokio-tungstenite's rustls feature, whose fallback
//! configuration (rustls' process-default provider, with ring's signing code the core never
//! uses) would otherwise be linked into the shipped library.

use rustls::pki_types::ServerName;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::error::UrlError;
use tokio_tungstenite::tungstenite::Error;
use tokio_tungstenite::WebSocketStream;

/// A TCP or TLS stream, behind one type so the socket's code exists once.
pub(crate) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

pub(crate) type Socket = WebSocketStream<Box<dyn Io>>;

/// Connects to `url` (`ws` or `wss`) and completes the WebSocket handshake; a refused
/// handshake is `Error::Http` with the server's response, as with tokio-tungstenite's own
/// connect.
pub(crate) async fn open(url: &url::Url, tls: Arc<rustls::ClientConfig>) -> Result<Socket, Error> {
    // Without the brackets of an IPv6 literal: what both TCP and the TLS server name want.
    let host = match url.host() {
        Some(url::Host::Domain(domain)) => domain.to_string(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => return Err(Error::Url(UrlError::NoHostName)),
    };
    let port = url
        .port_or_known_default()
        .ok_or_else(|| Error::Url(UrlError::UnsupportedUrlScheme))?;
    let secure = match url.scheme() {
        "wss" => true,
        "ws" => false,
        _ => return Err(Error::Url(UrlError::UnsupportedUrlScheme)),
    };
    let tcp = TcpStream::connect((host.as_str(), port)).await?;
    let io: Box<dyn Io> = if secure {
        let name = ServerName::try_from(host).map_err(|_| Error::Url(UrlError::NoHostName))?;
        let tls = tokio_rustls::TlsConnector::from(tls);
        Box::new(tls.connect(name, tcp).await?)
    } else {
        Box::new(tcp)
    };
    let (socket, _response) = tokio_tungstenite::client_async(url.as_str(), io).await?;
    Ok(socket)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::{SinkExt, StreamExt};
    use tokio::net::TcpListener;
    use tokio_tungstenite::tungstenite::Message;

    fn provider() -> Arc<rustls::crypto::CryptoProvider> {
        Arc::new(rustls::crypto::ring::default_provider())
    }

    /// A wss server on loopback with a self-signed certificate for `localhost`; it greets each
    /// client once. Returns its port and the certificate.
    async fn wss_server() -> (u16, rustls::pki_types::CertificateDer<'static>) {
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let der = cert.cert.der().clone();
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
        let config = rustls::ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![der.clone()], key)
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let Ok(mut ws) = tokio_tungstenite::accept_async(tls).await else {
                        return;
                    };
                    let _ = ws.send(Message::text("hello over tls")).await;
                });
            }
        });
        (port, der)
    }

    fn client(
        trusted: Option<rustls::pki_types::CertificateDer<'static>>,
    ) -> Arc<rustls::ClientConfig> {
        let mut roots = rustls::RootCertStore::empty();
        if let Some(cert) = trusted {
            roots.add(cert).unwrap();
        }
        Arc::new(
            rustls::ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_root_certificates(roots)
                .with_no_client_auth(),
        )
    }

    #[tokio::test]
    async fn wss_goes_through_the_given_tls_config() {
        let (port, cert) = wss_server().await;
        let url = url::Url::parse(&format!("wss://localhost:{port}/v2/session/websocket")).unwrap();
        let mut socket = open(&url, client(Some(cert))).await.unwrap();
        let message = socket.next().await.unwrap().unwrap();
        assert_eq!(message, Message::text("hello over tls"));
    }

    #[tokio::test]
    async fn an_untrusted_certificate_or_a_wrong_name_fails_the_connect() {
        let (port, cert) = wss_server().await;
        let localhost = url::Url::parse(&format!("wss://localhost:{port}/")).unwrap();
        let untrusted = open(&localhost, client(None))
            .await
            .err()
            .expect("must not connect");
        assert!(matches!(untrusted, Error::Io(_)), "{untrusted:?}");
        // The certificate names `localhost`, not the IP address.
        let by_ip = url::Url::parse(&format!("wss://127.0.0.1:{port}/")).unwrap();
        let wrong_name = open(&by_ip, client(Some(cert)))
            .await
            .err()
            .expect("must not connect");
        assert!(matches!(wrong_name, Error::Io(_)), "{wrong_name:?}");
    }

    #[tokio::test]
    async fn other_schemes_are_refused() {
        let url = url::Url::parse("https://localhost:1/").unwrap();
        let refused = open(&url, client(None))
            .await
            .err()
            .expect("must not connect");
        assert!(
            matches!(refused, Error::Url(UrlError::UnsupportedUrlScheme)),
            "{refused:?}"
        );
    }
}
