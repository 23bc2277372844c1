# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE): the .deb installs under /usr and
# carries the machine-wide files; the .tar.gz is relocatable and carries none (install.sh inside it
# registers the browsers).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX ${CPACK_PHISENTRY_PACKAGE_PREFIX})
  set(CPACK_COMPONENTS_ALL Unspecified system)
else()
  set(CPACK_COMPONENTS_ALL Unspecified)
  set(CPACK_COMPONENT_INCLUDE_TOPLEVEL_DIRECTORY ON)
endif()
