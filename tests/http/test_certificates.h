#ifndef CROSSWALK_TESTS_HTTP_TEST_CERTIFICATES_H_
#define CROSSWALK_TESTS_HTTP_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/statusor.h"

namespace crosswalk {

// A private CA and a server certificate it signed for 127.0.0.1 (subjectAltName IP), made with
// OpenSSL's C API at test time (P-256 keys, valid from an hour ago for a day), written as PEM into
// `dir`: ca.pem, server.pem, server-key.pem.
struct TestCertificates {
  std::string ca_file;
  std::string server_cert_file;
  std::string server_key_file;
};

absl::StatusOr<TestCertificates> MakeTestCertificates(const std::string& dir);

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_HTTP_TEST_CERTIFICATES_H_
