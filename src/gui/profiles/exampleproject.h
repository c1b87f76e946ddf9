#pragma once

#include "error.h"

#include <QString>

namespace strata::gui {

// The example migration project that comes with Strata, and the copy of it a person works on:
// the installed one (or the source tree's, in a build) is read-only, so new migrations, the
// SQLite database and the project's cache go to a copy in the user's data folder.
class ExampleProject
{
public:
    // The shipped project: beside the installed binary (../share/strata/examples/shop), else
    // the source tree's migrations/ in a build; empty when neither holds a strata.ini.
    static QString shipped();
    // <AppDataLocation>/example-shop (~/.local/share/Strata/strata/example-shop).
    static QString defaultCopyDir();
    // Copies the shipped project's files (strata.ini, versions/, ...) into dir, writable by
    // the user. A dir that already holds a strata.ini is kept as the person left it. Out: the
    // copy's folder; errors name the file that could not be written.
    static Result<QString> copyTo(const QString &dir);
};

} // namespace strata::gui
