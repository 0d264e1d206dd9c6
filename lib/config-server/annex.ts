/**
 * The procedure puts organization_domain_suffix "in the Annex" of hybrid_integration, apart from the option
 * sections. Where GAX shows a transaction's Annex is not published, so each deployment says which section of the
 * object's options (userProperties) keeps it (annexSection, default general). Exports and the printed sheet show
 * the annex under its own heading with this note.
 */
export function annexNote(section: string): string {
  return (
    "The procedure puts these options in the Annex of hybrid_integration. Where GAX shows a transaction's Annex is " +
    `not published: this deployment keeps them in section "${section}" of the object's options (its annex section).`
  );
}
