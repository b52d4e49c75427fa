package io.tailpost.security.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads certificates and private keys from PEM files; messages name the file and what is wrong. */
final class PemFiles {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

    private PemFiles() {
    }

    /** Every X.509 certificate of a PEM (or DER) file; at least one. */
    static List<X509Certificate> certificates(Path file, String key) {
        byte[] bytes = read(file, key);
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(key + ": " + file + " holds no certificate");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** The unencrypted PKCS#8 private key of a PEM file. */
    static PrivateKey privateKey(Path file, String key) {
        String text = new String(read(file, key), StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        if (begin < 0) {
            String hint = text.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key is not supported; use a key store"
                    : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")
                            ? "convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)"
                            : "expected '" + KEY_BEGIN + "'";
            throw new IllegalArgumentException(key + ": " + file + " has no PKCS#8 private key: " + hint);
        }
        int end = text.indexOf(KEY_END, begin);
        if (end < 0) {
            throw new IllegalArgumentException(key + ": " + file + " has no '" + KEY_END + "' line");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + file + " has a damaged private key (bad base64)", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm: the PKCS#8 header names it, but the JDK wants it chosen up front.
                continue;
            }
        }
        throw new IllegalArgumentException(key + ": " + file + " holds a private key of an unsupported algorithm");
    }

    static byte[] read(Path file, String key) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + ": " + e, e);
        }
    }
}
