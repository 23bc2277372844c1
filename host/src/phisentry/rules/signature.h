#pragma once
// Signed rule packs (rules/SIGNING.md). A publisher signs a pack folder with an Ed25519 key: `pack.manifest`
// lists the BLAKE2b-256 of every file that decides what the pack detects (the files hash_pack_files
// covers), and `pack.sig` holds one detached signature of the manifest per signing key, so a pack can be
// signed by the old and the new key while keys rotate. The host verifies before it loads a pack.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace phisentry::rules {

inline constexpr const char* kManifestFile = "pack.manifest";
inline constexpr const char* kSignatureFile = "pack.sig";
inline constexpr const char* kTrustedKeysFolder = "trusted-keys";
inline constexpr const char* kAdminTrustedKeysDir = "/etc/phisentry/trusted-keys";

struct PublicKey {
  std::array<unsigned char, 32> bytes{};
  std::string id;      // 16 hex digits of BLAKE2b(bytes): short, stable, printed in pack.sig
  std::string source;  // the file it came from, for messages
};

struct SigningKey {
  std::array<unsigned char, 64> secret{};
  PublicKey public_key;
};

// Writes PREFIX.key (mode 0600, the secret) and PREFIX.pub; refuses to overwrite either.
PublicKey generate_key_files(const std::filesystem::path& prefix);
// Key files are one line: "ed25519-secret <base64>" or "ed25519 <base64> [comment]". Throw on anything else.
SigningKey read_signing_key(const std::filesystem::path& file);
PublicKey read_public_key(const std::filesystem::path& file);
// Every *.pub of `dir` (none when it does not exist).
std::vector<PublicKey> read_public_keys(const std::filesystem::path& dir);

// Writes `dir`/pack.manifest and adds this key's line to `dir`/pack.sig. Other keys' signatures are
// kept only when the manifest did not change (they still sign it); otherwise they are dropped.
void sign_pack(const std::filesystem::path& dir, const SigningKey& key);

struct Verification {
  std::string signed_by;              // id of the trusted key whose signature holds; empty on failure
  std::vector<std::string> problems;  // why the pack is refused; empty when verified
  bool ok() const { return problems.empty() && !signed_by.empty(); }
};
// Checks that a trusted key signed the manifest and that the files on disk are exactly the ones it lists,
// with the same hashes. Never throws for a bad pack: every reason lands in `problems`.
Verification verify_pack(const std::filesystem::path& dir, const std::vector<PublicKey>& trusted);

// The keys this installation trusts: an administrator's /etc/phisentry/trusted-keys when it holds any key
// (then nothing else is trusted), otherwise PHISENTRY_TRUSTED_KEYS or <data dir>/trusted-keys.
struct TrustStore {
  std::vector<PublicKey> keys;
  std::filesystem::path dir;
};
TrustStore installed_trust_store();

// For the policy module: a policy that demands signed packs sets this before rules are loaded. Packs
// are also required to be signed whenever the installed trust store holds a key.
void require_pack_signatures(bool required);

// The loader's hook: when signatures are required, throws RuleError (naming every problem) unless `dir`
// verifies against the installed trust store. Does nothing otherwise.
void enforce_pack_signature(const std::filesystem::path& dir);

// Why the pack in `dir` fails a policy that requires signed packs: no trusted key is installed, or it
// does not verify against the installed trust store. nullopt when it passes. Never throws.
std::optional<std::string> pack_signature_refusal(const std::filesystem::path& dir);
// The same for a pack already loaded (hashed by the loader as `loaded_hash`), for a policy that arrives
// after the load: also refused when the files on disk are no longer the ones loaded.
std::optional<std::string> loaded_pack_refusal(const std::filesystem::path& dir, const std::string& loaded_hash);

}  // namespace phisentry::rules
