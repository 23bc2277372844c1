#include "phisentry/rules/signature.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "phisentry/install/extension_ids.h"
#include "phisentry/rules/rule.h"

namespace phisentry::rules {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;
constexpr int kManifestFormat = 1;
constexpr std::uintmax_t kMaxManifestBytes = 4 * 1024 * 1024;  // a hostile manifest is not read whole
constexpr const char* kPublicTag = "ed25519";
constexpr const char* kSecretTag = "ed25519-secret";

std::atomic<bool> policy_requires_signatures{false};

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::string read_small_file(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read " + path.string() + ": " + ec.message());
  if (size > kMaxManifestBytes) throw std::runtime_error(path.string() + " is too large");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error("cannot read " + path.string());
  return buffer.str();
}

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Decodes exactly `size` bytes; false on bad base64 or another length.
bool from_base64(const std::string& text, unsigned char* out, std::size_t size) {
  std::size_t decoded = 0;
  return sodium_base642bin(out, size, text.data(), text.size(), nullptr, &decoded, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         decoded == size;
}

std::string key_id_of(const std::array<unsigned char, 32>& key) {
  std::array<unsigned char, 8> digest{};
  crypto_generichash(digest.data(), digest.size(), key.data(), key.size(), nullptr, 0);
  std::array<char, 17> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

// The first line of a key file split into words: "<tag> <base64> [comment...]".
std::vector<std::string> key_line_words(const fs::path& file) {
  std::istringstream lines(read_small_file(file));
  std::string line;
  std::getline(lines, line);
  std::istringstream words(line);
  std::vector<std::string> out;
  for (std::string word; words >> word;) out.push_back(word);
  return out;
}

std::string file_digest(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  std::array<char, 64 * 1024> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                              static_cast<std::size_t>(in.gcount()));
  }
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string("blake2b-256:") + hex.data();
}

std::map<std::string, std::string> digests_on_disk(const fs::path& dir) {
  std::map<std::string, std::string> digests;
  for (const fs::path& relative : pack_content_files(dir)) digests[relative.generic_string()] = file_digest(dir / relative);
  return digests;
}

std::string manifest_text(const fs::path& dir) {
  return json{{"format", kManifestFormat}, {"files", digests_on_disk(dir)}}.dump(2) + "\n";
}

struct SignatureLine {
  std::string key_id;
  std::string signature;  // base64
};

// "ed25519 <key id> <base64 signature>" per line; blank lines and '#' comments are skipped.
std::vector<SignatureLine> parse_signature_lines(const std::string& text, std::vector<std::string>& problems) {
  std::vector<SignatureLine> lines;
  std::istringstream in(text);
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string tag;
    SignatureLine parsed;
    std::string extra;
    if (!(words >> tag >> parsed.key_id >> parsed.signature) || tag != kPublicTag || (words >> extra)) {
      problems.push_back(std::string(kSignatureFile) + " line " + std::to_string(number) + " is not 'ed25519 KEY-ID SIGNATURE'");
      continue;
    }
    lines.push_back(std::move(parsed));
  }
  return lines;
}

bool signature_holds(const SignatureLine& line, const PublicKey& key, const std::string& manifest) {
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  return line.key_id == key.id && from_base64(line.signature, signature.data(), signature.size()) &&
         crypto_sign_verify_detached(signature.data(), bytes_of(manifest), manifest.size(), key.bytes.data()) == 0;
}

// The id of the first trusted key with a valid signature of `manifest`, or a problem.
std::string trusted_signer(const std::vector<SignatureLine>& lines, const std::vector<PublicKey>& trusted,
                           const std::string& manifest, std::vector<std::string>& problems) {
  std::string seen;
  for (const SignatureLine& line : lines) {
    for (const PublicKey& key : trusted) {
      if (signature_holds(line, key, manifest)) return key.id;
      if (line.key_id == key.id) problems.push_back("the signature by key " + key.id + " does not match pack.manifest");
    }
    seen += (seen.empty() ? "" : ", ") + line.key_id;
  }
  if (trusted.empty()) problems.push_back("no trusted keys to verify against");
  else if (lines.empty()) problems.push_back(std::string(kSignatureFile) + " holds no signature");
  else problems.push_back("signed only by keys this host does not trust (" + seen + ")");
  return {};
}

// Compares the files the manifest lists with the files on disk: missing, added and changed ones.
void compare_with_disk(const fs::path& dir, const std::string& manifest, std::vector<std::string>& problems) {
  const json document = json::parse(manifest, nullptr, false);
  if (!document.is_object() || document.value("format", 0) != kManifestFormat || !document.contains("files") ||
      !document["files"].is_object()) {
    problems.push_back(std::string(kManifestFile) + " is not a format-1 pack manifest");
    return;
  }
  std::map<std::string, std::string> on_disk = digests_on_disk(dir);
  for (const auto& [name, digest] : document["files"].items()) {
    const auto found = on_disk.find(name);
    if (found == on_disk.end()) {
      problems.push_back(name + ": listed in the manifest but missing");
    } else if (!digest.is_string() || digest.get<std::string>() != found->second) {
      problems.push_back(name + ": changed since the pack was signed");
    }
    if (found != on_disk.end()) on_disk.erase(found);
  }
  for (const auto& [name, digest] : on_disk) problems.push_back(name + ": not part of the signed pack");
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

void write_new_file(const fs::path& path, const std::string& content, mode_t mode) {
  if (fs::exists(path)) throw std::runtime_error(path.string() + " already exists; not overwriting a key");
  const mode_t previous = ::umask(0777 & ~mode);
  try {
    write_file(path, content);
  } catch (...) {
    ::umask(previous);
    throw;
  }
  ::umask(previous);
}

std::string no_trusted_key_message(const TrustStore& trust) {
  return std::string("policy requires a signed rule pack, but no trusted key is installed (no *.pub in ") +
         kAdminTrustedKeysDir + " or " + trust.dir.string() + ")";
}

std::vector<std::string> signature_problems(const Verification& verification) {
  std::vector<std::string> problems;
  for (const std::string& problem : verification.problems) problems.push_back("signature: " + problem);
  return problems;
}

}  // namespace

PublicKey generate_key_files(const fs::path& prefix) {
  init_sodium();
  SigningKey key;
  crypto_sign_keypair(key.public_key.bytes.data(), key.secret.data());
  key.public_key.id = key_id_of(key.public_key.bytes);
  fs::path secret_file = prefix;
  secret_file += ".key";
  fs::path public_file = prefix;
  public_file += ".pub";
  write_new_file(secret_file, std::string(kSecretTag) + " " + to_base64(key.secret.data(), key.secret.size()) + "\n", 0600);
  write_new_file(public_file,
                 std::string(kPublicTag) + " " + to_base64(key.public_key.bytes.data(), key.public_key.bytes.size()) +
                     " phisentry-pack-key-" + key.public_key.id + "\n",
                 0644);
  sodium_memzero(key.secret.data(), key.secret.size());
  key.public_key.source = public_file.string();
  return key.public_key;
}

SigningKey read_signing_key(const fs::path& file) {
  init_sodium();
  const std::vector<std::string> words = key_line_words(file);
  SigningKey key;
  if (words.size() != 2 || words[0] != kSecretTag || !from_base64(words[1], key.secret.data(), key.secret.size())) {
    throw std::runtime_error(file.string() + " is not a PHI Sentry signing key ('ed25519-secret <base64>')");
  }
  crypto_sign_ed25519_sk_to_pk(key.public_key.bytes.data(), key.secret.data());
  key.public_key.id = key_id_of(key.public_key.bytes);
  key.public_key.source = file.string();
  return key;
}

PublicKey read_public_key(const fs::path& file) {
  init_sodium();
  const std::vector<std::string> words = key_line_words(file);
  PublicKey key;
  if (words.size() < 2 || words[0] != kPublicTag || !from_base64(words[1], key.bytes.data(), key.bytes.size())) {
    throw std::runtime_error(file.string() + " is not a PHI Sentry public key ('ed25519 <base64> [comment]')");
  }
  key.id = key_id_of(key.bytes);
  key.source = file.string();
  return key;
}

std::vector<PublicKey> read_public_keys(const fs::path& dir) {
  std::vector<PublicKey> keys;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return keys;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".pub") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) keys.push_back(read_public_key(file));
  return keys;
}

void sign_pack(const fs::path& dir, const SigningKey& key) {
  init_sodium();
  const std::string manifest = manifest_text(dir);
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, bytes_of(manifest), manifest.size(), key.secret.data());

  std::string signatures = "# PHI Sentry rule pack signatures of pack.manifest: ed25519 KEY-ID SIGNATURE\n";
  const fs::path manifest_file = dir / kManifestFile;
  const fs::path signature_file = dir / kSignatureFile;
  if (fs::exists(manifest_file) && fs::exists(signature_file) && read_small_file(manifest_file) == manifest) {
    std::vector<std::string> ignored;
    for (const SignatureLine& line : parse_signature_lines(read_small_file(signature_file), ignored)) {
      if (line.key_id != key.public_key.id) signatures += std::string(kPublicTag) + " " + line.key_id + " " + line.signature + "\n";
    }
  }
  signatures += std::string(kPublicTag) + " " + key.public_key.id + " " + to_base64(signature.data(), signature.size()) + "\n";
  write_file(manifest_file, manifest);
  write_file(signature_file, signatures);
}

Verification verify_pack(const fs::path& dir, const std::vector<PublicKey>& trusted) {
  Verification result;
  try {
    init_sodium();
    const fs::path manifest_file = dir / kManifestFile;
    const fs::path signature_file = dir / kSignatureFile;
    if (!fs::exists(manifest_file) || !fs::exists(signature_file)) {
      result.problems.push_back(dir.string() + ": unsigned pack (no " + kManifestFile + " and " + kSignatureFile + ")");
      return result;
    }
    const std::string manifest = read_small_file(manifest_file);
    const auto lines = parse_signature_lines(read_small_file(signature_file), result.problems);
    std::vector<std::string> signer_problems;
    result.signed_by = trusted_signer(lines, trusted, manifest, signer_problems);
    if (result.signed_by.empty()) {
      result.problems.insert(result.problems.end(), signer_problems.begin(), signer_problems.end());
      return result;  // an unsigned manifest says nothing about the files
    }
    compare_with_disk(dir, manifest, result.problems);
  } catch (const std::exception& e) {
    result.problems.push_back(e.what());
  }
  if (!result.problems.empty()) result.signed_by.clear();
  return result;
}

TrustStore installed_trust_store() {
  TrustStore store;
  store.dir = kAdminTrustedKeysDir;
  store.keys = read_public_keys(store.dir);
  if (!store.keys.empty()) return store;
  const char* env = std::getenv("PHISENTRY_TRUSTED_KEYS");
  store.dir = env != nullptr && *env != '\0' ? fs::path(env) : install::data_dir() / kTrustedKeysFolder;
  store.keys = read_public_keys(store.dir);
  return store;
}

void require_pack_signatures(bool required) { policy_requires_signatures = required; }

void enforce_pack_signature(const fs::path& dir) {
  TrustStore trust;
  try {
    trust = installed_trust_store();
  } catch (const std::exception& e) {
    throw RuleError({std::string("trusted keys unreadable: ") + e.what()});
  }
  if (trust.keys.empty() && !policy_requires_signatures) return;
  if (trust.keys.empty()) throw RuleError({no_trusted_key_message(trust)});
  const Verification verification = verify_pack(dir, trust.keys);
  if (!verification.ok()) throw RuleError(signature_problems(verification));
  spdlog::info("rule pack signature verified (key {} from {})", verification.signed_by, trust.dir.string());
}

std::optional<std::string> pack_signature_refusal(const fs::path& dir) {
  try {
    const TrustStore trust = installed_trust_store();
    if (trust.keys.empty()) return no_trusted_key_message(trust);
    const Verification verification = verify_pack(dir, trust.keys);
    if (verification.ok()) return std::nullopt;
    std::string why = "the rule pack is not signed by a trusted key:";
    for (const std::string& problem : signature_problems(verification)) why += " " + problem + ";";
    return why;
  } catch (const std::exception& e) {
    return std::string("the rule pack cannot be verified: ") + e.what();
  }
}

std::optional<std::string> loaded_pack_refusal(const fs::path& dir, const std::string& loaded_hash) {
  if (auto refusal = pack_signature_refusal(dir)) return refusal;
  try {
    // A pack swapped for a signed one after it was loaded must not pass for the one in memory.
    if (hash_pack_files(dir) != loaded_hash) return "the rule pack in use is not the signed pack now in " + dir.string();
  } catch (const std::exception& e) {
    return std::string("the rule pack cannot be verified: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace phisentry::rules
