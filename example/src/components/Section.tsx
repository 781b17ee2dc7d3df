import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';

export function Section(props: { title: string; children: ReactNode }) {
  return (
    <View style={styles.section}>
      <Text style={styles.title}>{props.title}</Text>
      {props.children}
    </View>
  );
}

const styles = StyleSheet.create({
  section: {
    borderBottomColor: '#ddd',
    borderBottomWidth: StyleSheet.hairlineWidth,
    paddingVertical: 10,
  },
  title: { fontSize: 16, fontWeight: '700', marginBottom: 4, color: '#111' },
});
