// Signed rule packs: keys, signing, verification of every kind of tampering, rotation, and the loader's
// refusal when signatures are required.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "phisentry/rules/rule.h"
#include "phisentry/rules/signature.h"

namespace fs = std::filesystem;
using namespace phisentry::rules;

namespace {

const std::string kRuleFile =
    R"({"rules":[{"id":"ssn.sig_test","name":"SSN","hipaa":"G","category":"ssn","base":"high","why":"ssn shape",)"
    R"("patterns":["\\b\\d{3}-\\d{2}-\\d{4}\\b"],"validator":"ssn",)"
    R"("examples":[{"text":"SSN 512-44-6789","match":"512-44-6789"}],"negative_examples":["SSN 000-12-3456"]}]})";

// A scratch folder holding a small pack (one rule file, one dictionary) and a keys/ folder.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("phisentry-sig-" + std::to_string(getpid()));
  fs::path pack = root / "pack";
  fs::path keys = root / "keys";
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(pack / "dictionaries");
    fs::create_directories(keys);
    write(pack / "ssn.json", kRuleFile);
    write(pack / "dictionaries" / "words.txt", "alpha\nbeta\n");
    write(pack / "README.md", "not part of what the pack detects\n");
  }
  ~Scratch() { fs::remove_all(root); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  static void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  SigningKey new_key(const std::string& name) {
    generate_key_files(keys / name);
    return read_signing_key(keys / (name + ".key"));
  }
};

bool mentions(const Verification& verification, const std::string& words) {
  for (const std::string& problem : verification.problems) {
    if (problem.find(words) != std::string::npos) return true;
  }
  return false;
}

// Sets an environment variable for one test and restores it after.
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string variable, const std::string& value) : name(std::move(variable)) { setenv(name.c_str(), value.c_str(), 1); }
  ~ScopedEnv() { unsetenv(name.c_str()); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
};

// Turns the policy flag on for one test, off again even when the test fails.
struct ScopedSignatureRequirement {
  ScopedSignatureRequirement() { require_pack_signatures(true); }
  ~ScopedSignatureRequirement() { require_pack_signatures(false); }
  ScopedSignatureRequirement(const ScopedSignatureRequirement&) = delete;
  ScopedSignatureRequirement& operator=(const ScopedSignatureRequirement&) = delete;
};

}  // namespace

TEST_CASE("key files: the secret is private, the public key reads back with the same id, nothing is overwritten") {
  Scratch scratch;
  const PublicKey generated = generate_key_files(scratch.keys / "publisher");
  struct stat info {};
  REQUIRE(stat((scratch.keys / "publisher.key").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(read_public_key(scratch.keys / "publisher.pub").id == generated.id);
  CHECK(read_signing_key(scratch.keys / "publisher.key").public_key.id == generated.id);
  CHECK(generated.id.size() == 16);
  CHECK_THROWS(generate_key_files(scratch.keys / "publisher"));
  Scratch::write(scratch.keys / "garbage.pub", "ed25519 bm90IGEga2V5\n");  // base64 of 9 bytes, not 32
  CHECK_THROWS(read_public_key(scratch.keys / "garbage.pub"));
  CHECK_THROWS(read_signing_key(scratch.keys / "publisher.pub"));  // a public key is not a secret key
}

TEST_CASE("a signed pack verifies with its key and with no other") {
  Scratch scratch;
  const SigningKey publisher = scratch.new_key("publisher");
  const SigningKey stranger = scratch.new_key("stranger");
  sign_pack(scratch.pack, publisher);
  const Verification good = verify_pack(scratch.pack, {publisher.public_key});
  CHECK(good.ok());
  CHECK(good.signed_by == publisher.public_key.id);
  const Verification foreign = verify_pack(scratch.pack, {stranger.public_key});
  CHECK_FALSE(foreign.ok());
  CHECK(mentions(foreign, "does not trust"));
  CHECK(mentions(verify_pack(scratch.pack, {}), "no trusted keys"));
  Scratch::write(scratch.pack / "README.md", "documentation may change freely\n");
  CHECK(verify_pack(scratch.pack, {publisher.public_key}).ok());
}

TEST_CASE("every kind of tampering is refused, naming what changed") {
  Scratch scratch;
  const SigningKey publisher = scratch.new_key("publisher");
  sign_pack(scratch.pack, publisher);
  const auto verify = [&] { return verify_pack(scratch.pack, {publisher.public_key}); };

  SUBCASE("a rule file edited") {
    Scratch::write(scratch.pack / "ssn.json", kRuleFile + " ");
    CHECK(mentions(verify(), "ssn.json: changed since the pack was signed"));
  }
  SUBCASE("a dictionary emptied") {
    Scratch::write(scratch.pack / "dictionaries" / "words.txt", "");
    CHECK(mentions(verify(), "dictionaries/words.txt: changed"));
  }
  SUBCASE("a rule file added") {
    Scratch::write(scratch.pack / "extra.json", kRuleFile);
    CHECK(mentions(verify(), "extra.json: not part of the signed pack"));
  }
  SUBCASE("a rule file removed") {
    fs::remove(scratch.pack / "ssn.json");
    CHECK(mentions(verify(), "ssn.json: listed in the manifest but missing"));
  }
  SUBCASE("the manifest rewritten to match the edited files") {
    Scratch::write(scratch.pack / "ssn.json", kRuleFile + " ");
    std::string manifest = Scratch::read(scratch.pack / kManifestFile);
    manifest.replace(manifest.find("blake2b-256:") + 12, 4, "0000");
    Scratch::write(scratch.pack / kManifestFile, manifest);
    CHECK(mentions(verify(), "does not match pack.manifest"));
  }
  SUBCASE("the signature corrupted") {
    std::string signatures = Scratch::read(scratch.pack / kSignatureFile);
    signatures[signatures.size() - 5] = signatures[signatures.size() - 5] == 'A' ? 'B' : 'A';
    Scratch::write(scratch.pack / kSignatureFile, signatures);
    CHECK_FALSE(verify().ok());
  }
  SUBCASE("the signature file replaced by junk") {
    Scratch::write(scratch.pack / kSignatureFile, std::string("\0\xff junk", 7));
    CHECK(mentions(verify(), "is not 'ed25519 KEY-ID SIGNATURE'"));
  }
  SUBCASE("the signature removed") {
    fs::remove(scratch.pack / kSignatureFile);
    CHECK(mentions(verify(), "unsigned pack"));
  }
}

TEST_CASE("key rotation: a pack signed by the old and the new key verifies with either; a changed pack drops stale signatures") {
  Scratch scratch;
  const SigningKey old_key = scratch.new_key("2026");
  const SigningKey new_key = scratch.new_key("2027");
  sign_pack(scratch.pack, old_key);
  sign_pack(scratch.pack, new_key);
  CHECK(verify_pack(scratch.pack, {old_key.public_key}).ok());
  CHECK(verify_pack(scratch.pack, {new_key.public_key}).ok());
  sign_pack(scratch.pack, new_key);  // re-signing replaces this key's line instead of adding one
  std::istringstream lines(Scratch::read(scratch.pack / kSignatureFile));
  int signature_lines = 0;
  for (std::string line; std::getline(lines, line);) signature_lines += line.rfind("ed25519 ", 0) == 0 ? 1 : 0;
  CHECK(signature_lines == 2);

  Scratch::write(scratch.pack / "dictionaries" / "words.txt", "alpha\nbeta\ngamma\n");
  sign_pack(scratch.pack, new_key);  // the release after retirement is signed by the new key only
  CHECK(verify_pack(scratch.pack, {new_key.public_key}).ok());
  CHECK_FALSE(verify_pack(scratch.pack, {old_key.public_key}).ok());
}

TEST_CASE("the loader refuses an unsigned or tampered pack when a trusted key is installed, and loads a signed one") {
  if (!read_public_keys(kAdminTrustedKeysDir).empty()) return;  // this machine enforces its own keys
  Scratch scratch;
  const SigningKey publisher = scratch.new_key("publisher");
  const fs::path trusted = scratch.root / "trusted";
  fs::create_directories(trusted);
  fs::copy_file(scratch.keys / "publisher.pub", trusted / "publisher.pub");
  const ScopedEnv env("PHISENTRY_TRUSTED_KEYS", trusted.string());
  CHECK(installed_trust_store().keys.size() == 1);

  CHECK_THROWS_AS(load_pack(scratch.pack), RuleError);  // unsigned
  sign_pack(scratch.pack, publisher);
  CHECK(load_pack(scratch.pack).rules.size() == 1);
  Scratch::write(scratch.pack / "ssn.json", kRuleFile + "\n");
  try {
    load_pack(scratch.pack);
    FAIL("a tampered pack was loaded");
  } catch (const RuleError& e) {
    REQUIRE(!e.problems().empty());
    CHECK(e.problems().front().find("signature: ssn.json: changed") != std::string::npos);
  }
}

TEST_CASE("a policy that requires signatures refuses every pack while no key is trusted") {
  if (!read_public_keys(kAdminTrustedKeysDir).empty()) return;
  Scratch scratch;
  const ScopedEnv env("PHISENTRY_TRUSTED_KEYS", (scratch.root / "no-such-folder").string());
  CHECK(load_pack(scratch.pack).rules.size() == 1);  // nothing required, nothing trusted: loads
  const ScopedSignatureRequirement required;
  sign_pack(scratch.pack, scratch.new_key("publisher"));
  CHECK_THROWS_AS(load_pack(scratch.pack), RuleError);  // signed, but by no key this host trusts
}

TEST_CASE("a required signature with no trusted key installed: the refusal says that no key is installed") {
  if (!read_public_keys(kAdminTrustedKeysDir).empty()) return;
  Scratch scratch;
  const ScopedEnv env("PHISENTRY_TRUSTED_KEYS", (scratch.root / "trusted").string());
  const ScopedSignatureRequirement required;
  try {
    load_pack(scratch.pack);
    FAIL("a pack was loaded with no trusted key");
  } catch (const RuleError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems().front().find("no trusted key is installed") != std::string::npos);
    CHECK(e.problems().front().find((scratch.root / "trusted").string()) != std::string::npos);
  }
}

TEST_CASE("a pack loaded unchecked, then required by policy: refused unless it verifies and is the pack on disk") {
  if (!read_public_keys(kAdminTrustedKeysDir).empty()) return;
  Scratch scratch;
  const fs::path trusted = scratch.root / "trusted";
  const fs::path words = scratch.pack / "dictionaries" / "words.txt";
  const ScopedEnv env("PHISENTRY_TRUSTED_KEYS", trusted.string());
  // Nothing trusted, nothing required: both load unchecked. The second is a tampered copy, put back after.
  const RulePack loaded = load_pack(scratch.pack);
  Scratch::write(words, "alpha\nbeta\ngamma\n");
  const RulePack tampered = load_pack(scratch.pack);
  Scratch::write(words, "alpha\nbeta\n");

  auto refusal = loaded_pack_refusal(loaded.dir, loaded.hash);
  REQUIRE(refusal.has_value());
  CHECK(refusal->find("no trusted key is installed") != std::string::npos);

  fs::create_directories(trusted);
  const SigningKey publisher = scratch.new_key("publisher");
  fs::copy_file(scratch.keys / "publisher.pub", trusted / "publisher.pub");
  refusal = loaded_pack_refusal(loaded.dir, loaded.hash);
  REQUIRE(refusal.has_value());
  CHECK(refusal->find("is not signed by a trusted key") != std::string::npos);
  CHECK(refusal->find("unsigned pack") != std::string::npos);

  sign_pack(scratch.pack, publisher);
  CHECK_FALSE(loaded_pack_refusal(loaded.dir, loaded.hash).has_value());  // the files loaded are the files signed
  // The folder verifies now, but the tampered pack in memory is not what was signed.
  refusal = loaded_pack_refusal(tampered.dir, tampered.hash);
  REQUIRE(refusal.has_value());
  CHECK(refusal->find("not the signed pack") != std::string::npos);
}
