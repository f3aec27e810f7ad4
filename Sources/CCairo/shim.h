// cairo (PDF surfaces) and pango (Japanese text layout through fontconfig and harfbuzz).
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
