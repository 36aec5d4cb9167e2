// Debian's libxml2 is built with ICU, and its headers then pull in the system <unicode/*.h>,
// which clash with Foundation's own ICU module ("'UErrorCode' has different definitions") in any
// module that imports both. Ferry never uses libxml2's ICU encoding handlers, so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
