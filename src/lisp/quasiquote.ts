// `template → a form that, evaluated, builds the template with the unquoted
// parts filled in. The result calls the $qq_* prelude helpers, so it is
// compiled like any other code (inside a macro body or at run time).
import { Keyword, List, MapForm, SetForm, Sym, isSym, list, locOf, type Form, type Loc } from "./forms.js";
import { lispError } from "./errors.js";

export function expandQuasiquote(template: Form, loc: Loc, source: string): Form {
  const build = (form: Form): Form => {
    if (form instanceof Sym) return list([new Sym("$qq_sym"), form.name]);
    if (form instanceof Keyword) return list([new Sym("$qq_kw"), form.name]);
    if (!Array.isArray(form)) return form;
    if (form instanceof List && isSym(form[0], "unquote")) return unquoted(form);
    if (form instanceof List && isSym(form[0], "unquote-splicing")) {
      throw lispError("~@ splices into a list or vector, not on its own", locOf(form) ?? loc, source, {
        suggestion: "wrap it in a list: `(~@xs)`, or use ~ instead",
      });
    }
    if (form instanceof List && isSym(form[0], "quasiquote")) {
      throw lispError("nested quasiquote is not supported", locOf(form) ?? loc, source);
    }
    const collection: Form[] = form;
    const helper =
      collection instanceof List ? "$qq_list" : collection instanceof MapForm ? "$qq_map" : collection instanceof SetForm ? "$qq_set" : "$qq_vector";
    // Each argument of the helper is a vector of items to append (a spliced
    // value is passed as is), so splicing needs no special case at run time.
    const segments: Form[] = [new Sym(helper)];
    for (const item of form) {
      if (item instanceof List && isSym(item[0], "unquote-splicing")) segments.push(unquoted(item));
      else segments.push([build(item)]);
    }
    return list(segments);
  };

  const unquoted = (form: List): Form => {
    if (form.length !== 2) {
      throw lispError(`${(form[0] as Sym).name} takes exactly one form`, locOf(form) ?? loc, source);
    }
    return form[1]!;
  };

  return build(template);
}
