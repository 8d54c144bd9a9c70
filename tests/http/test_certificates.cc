#include "tests/http/test_certificates.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace crosswalk {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (extension == nullptr) return false;
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

// A certificate for `key` named `common_name`, signed by `issuer_key` as `issuer` (itself when
// null), with `extensions` (nid, value) in order.
Cert Certify(EVP_PKEY* key, const char* common_name, X509* issuer, EVP_PKEY* issuer_key, long serial,
             const std::vector<std::pair<int, const char*>>& extensions) {
  Cert cert(X509_new(), X509_free);
  if (!cert || X509_set_version(cert.get(), 2) != 1) return Cert(nullptr, X509_free);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* signer = issuer == nullptr ? cert.get() : issuer;
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  for (const auto& extension : extensions) {
    if (!AddExtension(cert.get(), signer, extension.first, extension.second)) {
      return Cert(nullptr, X509_free);
    }
  }
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) return Cert(nullptr, X509_free);
  return cert;
}

bool WritePem(const std::string& path, X509* cert, EVP_PKEY* key) {
  BIO* bio = BIO_new_file(path.c_str(), "w");
  if (bio == nullptr) return false;
  const bool ok = cert != nullptr ? PEM_write_bio_X509(bio, cert) == 1
                                  : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr,
                                                             nullptr) == 1;
  BIO_free(bio);
  return ok;
}

}  // namespace

absl::StatusOr<TestCertificates> MakeTestCertificates(const std::string& dir) {
  Key ca_key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  Key server_key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  if (!ca_key || !server_key) return absl::InternalError("EC key generation failed");
  Cert ca = Certify(ca_key.get(), "crosswalk test CA", nullptr, ca_key.get(), 1,
                    {{NID_basic_constraints, "critical,CA:TRUE"},
                     {NID_key_usage, "critical,keyCertSign,cRLSign"},
                     {NID_subject_key_identifier, "hash"}});
  if (!ca) return absl::InternalError("the CA certificate could not be made");
  Cert server = Certify(server_key.get(), "127.0.0.1", ca.get(), ca_key.get(), 2,
                        {{NID_basic_constraints, "critical,CA:FALSE"},
                         {NID_key_usage, "critical,digitalSignature"},
                         {NID_ext_key_usage, "serverAuth"},
                         {NID_subject_alt_name, "IP:127.0.0.1"},
                         {NID_authority_key_identifier, "keyid:always"}});
  if (!server) return absl::InternalError("the server certificate could not be made");
  TestCertificates files{absl::StrCat(dir, "/ca.pem"), absl::StrCat(dir, "/server.pem"),
                         absl::StrCat(dir, "/server-key.pem")};
  if (!WritePem(files.ca_file, ca.get(), nullptr) ||
      !WritePem(files.server_cert_file, server.get(), nullptr) ||
      !WritePem(files.server_key_file, nullptr, server_key.get())) {
    return absl::InternalError(absl::StrCat("cannot write the PEM files into ", dir));
  }
  return files;
}

}  // namespace crosswalk
