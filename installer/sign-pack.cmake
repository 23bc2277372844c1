# Run by `cmake --install` and by cpack while it stages a package (installer/CMakeLists.txt includes it
# after the rule pack is installed): signs the installed pack with the publisher's key and installs the
# public keys the host will trust (rules/SIGNING.md). The key comes from outside the repository:
# $ENV{PHISENTRY_PACK_SIGNING_KEY} at install time, else the cache variable of the same name. Without a
# key the pack is installed unsigned and no key is trusted, as before.
#
# Set by the caller: phisentry_binary, phisentry_signing_key, phisentry_trusted_keys, phisentry_data_subdir.

set(signing_key "$ENV{PHISENTRY_PACK_SIGNING_KEY}")
if(NOT signing_key)
  set(signing_key "${phisentry_signing_key}")
endif()
if(NOT signing_key)
  return()
endif()
if(NOT EXISTS "${signing_key}")
  message(FATAL_ERROR "no signing key file ${signing_key} (PHISENTRY_PACK_SIGNING_KEY)")
endif()

# The public keys: PHISENTRY_PACK_TRUSTED_KEYS, else the .pub beside the secret key (as install.sh).
set(trusted_keys "$ENV{PHISENTRY_PACK_TRUSTED_KEYS}")
if(NOT trusted_keys)
  set(trusted_keys "${phisentry_trusted_keys}")
endif()
if(NOT trusted_keys)
  string(REGEX REPLACE "\\.key$" "" key_stem "${signing_key}")
  set(trusted_keys "${key_stem}.pub")
endif()

set(data_dir "${CMAKE_INSTALL_PREFIX}/${phisentry_data_subdir}")  # file(INSTALL) adds DESTDIR itself
set(pack "$ENV{DESTDIR}${data_dir}/rules")
set(keys_dir "$ENV{DESTDIR}${data_dir}/trusted-keys")

function(phisentry_run)
  execute_process(COMMAND "${phisentry_binary}" ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    string(JOIN " " command ${ARGN})
    message(FATAL_ERROR "phisentry ${command} failed (${status}):\n${out}")
  endif()
endfunction()

phisentry_run(rules sign "${pack}" --key "${signing_key}")
# The keys about to be trusted must accept the pack: a host that trusts keys refuses any other pack.
set(verify_args "")
foreach(key IN LISTS trusted_keys)
  if(NOT EXISTS "${key}")
    message(FATAL_ERROR "no public key file ${key} (PHISENTRY_PACK_TRUSTED_KEYS)")
  endif()
  list(APPEND verify_args --key "${key}")
endforeach()
phisentry_run(rules verify "${pack}" ${verify_args})

# trusted-keys/ holds exactly these keys, so a key dropped at rotation stops being trusted.
file(GLOB installed_keys "${keys_dir}/*.pub")
foreach(installed IN LISTS installed_keys)
  get_filename_component(name "${installed}" NAME)
  set(kept FALSE)
  foreach(key IN LISTS trusted_keys)
    get_filename_component(key_name "${key}" NAME)
    if(name STREQUAL key_name)
      set(kept TRUE)
    endif()
  endforeach()
  if(NOT kept)
    file(REMOVE "${installed}")
  endif()
endforeach()
file(INSTALL ${trusted_keys} DESTINATION "${data_dir}/trusted-keys"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
message(STATUS "Signed the rule pack with ${signing_key}; trusted keys: ${trusted_keys}")
