/** Function words that carry no topic, by ISO 639-3 code; used to weigh sentences by their content words. */
export const stopwords: Record<string, ReadonlySet<string>> = {
  fra: new Set(
    ('a à afin ai aie aient ainsi alors après as au aucun aucune aussi autre autres aux avaient avait avant avec avez ' +
      'avoir avons ayant c ça car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme ' +
      'comment d dans de depuis des deux devant doit donc dont du elle elles en encore entre est et été étaient était ' +
      'être eu eux fait faire font hors il ils j je jusqu l la là le les leur leurs lors lorsque lui m ma mais me même ' +
      'mes moi moins mon n ne ni non nos notre nous on ont ou où par parce pas peu peut plus plusieurs pour pourquoi ' +
      'puis qu quand que quel quelle quelles quels qui quoi s sa sans se selon sera ses si sien son sont sous sur ' +
      't ta tandis te tel telle tels tes toi ton tous tout toute toutes très tu un une unes uns vers voici voilà vos ' +
      'votre vous y dont ont été avait aussi déjà ainsi dit selon après').split(' '),
  ),
  eng: new Set(
    ('a about above after again against all also am an and any are as at be because been before being below between ' +
      'both but by can could did do does doing down during each few for from further had has have having he her here ' +
      'hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or ' +
      'other our ours out over own said same she should so some such than that the their theirs them then there these ' +
      'they this those through to too under until up very was we were what when where which while who whom why will ' +
      'with would you your yours').split(' '),
  ),
};
